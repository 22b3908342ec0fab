import type { ClassificationLevel } from '@govgraph/governance';
import { buildCatalog } from '../catalog/buildCatalog.js';

/** What GraphiQL's docs explorer shows first for a type or field. */
export interface Metadata {
  /** Effective level (own, else the type's); null for types the standards do not classify. */
  level: ClassificationLevel | null;
  /** The departments (supergraph names, e.g. `population`) that answer it. */
  departments: readonly string[];
}

/** Metadata of every API type, by name, and of every object and interface field, by `Type.field`. */
export interface SchemaMetadata {
  types: ReadonlyMap<string, Metadata>;
  fields: ReadonlyMap<string, Metadata>;
}

/**
 * Owners and levels as the data catalog reads them from the supergraph (`buildCatalog`:
 * `@join__type` / `@join__field` departments, the access policy's classification): the two
 * things GraphiQL shows of it.
 */
export function schemaMetadata(supergraphSdl: string): SchemaMetadata {
  const types = new Map<string, Metadata>();
  const fields = new Map<string, Metadata>();
  for (const type of buildCatalog(supergraphSdl).types) {
    types.set(type.name, { level: type.classification, departments: type.departments });
    if (type.kind !== 'OBJECT' && type.kind !== 'INTERFACE') continue;
    for (const field of type.fields) {
      fields.set(field.coordinate, {
        level: field.classification,
        departments: field.departments,
      });
    }
  }
  return { types, fields };
}
