import { CLASSIFICATION_LEVELS, type ClassificationLevel } from '@govgraph/hub';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  Kind,
  parse,
  type TypeDefinitionNode,
} from 'graphql';
import {
  classificationDirectiveName,
  classificationIndex,
  strictest,
} from '../access/classificationIndex.js';

/** What GraphiQL's docs explorer shows first for a type or field. */
export interface Metadata {
  /** Effective level (own, else the type's); null for types the standards do not classify. */
  level: ClassificationLevel | null;
  /** The departments (supergraph names, e.g. `population`) that answer it. */
  departments: readonly string[];
}

/** Metadata of every object and interface type and field, by name and `Type.field`. */
export interface SchemaMetadata {
  types: ReadonlyMap<string, Metadata>;
  fields: ReadonlyMap<string, Metadata>;
}

const TYPE_KINDS: ReadonlySet<string> = new Set([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
]);

/**
 * Reads owners and levels from a composed supergraph: a field's departments are the graphs of
 * its `@join__field`s that resolve it (not `external`), else its type's `@join__type` graphs;
 * its level is the one the access policy applies (`classificationIndex`). The catalog
 * (issue #12, item 3) builds the same from the same directives; this is the small subset
 * GraphiQL needs.
 */
export function schemaMetadata(supergraphSdl: string): SchemaMetadata {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs = graphNames(document.definitions);
  const levels = classificationIndex(supergraphSdl, 'CONFIDENTIAL');
  const directiveName = classificationDirectiveName(document.definitions);
  const types = new Map<string, Metadata>();
  const fields = new Map<string, Metadata>();
  for (const definition of document.definitions) {
    if (!isTypeDefinition(definition)) continue;
    const name = definition.name.value;
    if (/^(join__|link__)/.test(name)) continue;
    const directives = definition.directives ?? [];
    const departments = joinGraphs(directives, 'join__type', graphs);
    types.set(name, { level: typeLevel(directives, directiveName), departments });
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const coordinate = `${name}.${field.name.value}`;
      const own = joinGraphs(field.directives ?? [], 'join__field', graphs);
      fields.set(coordinate, {
        level: levels.levelOf(coordinate),
        departments: own.length > 0 ? own : departments,
      });
    }
  }
  return { types, fields };
}

function isTypeDefinition(definition: DefinitionNode): definition is TypeDefinitionNode {
  return TYPE_KINDS.has(definition.kind);
}

/** `join__Graph` enum values to the names the supergraph gives them (`POPULATION` → `population`). */
function graphNames(definitions: readonly DefinitionNode[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') {
      continue;
    }
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = graph?.arguments?.find((a) => a.name.value === 'name')?.value;
      names.set(value.name.value, name?.kind === Kind.STRING ? name.value : value.name.value);
    }
  }
  return names;
}

function joinGraphs(
  directives: readonly ConstDirectiveNode[],
  directive: 'join__type' | 'join__field',
  names: ReadonlyMap<string, string>,
): string[] {
  const found = new Set<string>();
  for (const d of directives) {
    if (d.name.value !== directive) continue;
    const external = d.arguments?.find((a) => a.name.value === 'external')?.value;
    if (external?.kind === Kind.BOOLEAN && external.value) continue;
    const graph = d.arguments?.find((a) => a.name.value === 'graph')?.value;
    if (graph?.kind === Kind.ENUM) found.add(names.get(graph.value) ?? graph.value);
  }
  return [...found].sort();
}

function typeLevel(
  directives: readonly ConstDirectiveNode[],
  directiveName: string,
): ClassificationLevel | null {
  let level: ClassificationLevel | undefined;
  for (const d of directives) {
    if (d.name.value !== directiveName) continue;
    const arg = d.arguments?.find((a) => a.name.value === 'level')?.value;
    if (arg?.kind === Kind.ENUM && isLevel(arg.value)) level = strictest(arg.value, level);
  }
  return level ?? null;
}

function isLevel(value: string): value is ClassificationLevel {
  return (CLASSIFICATION_LEVELS as readonly string[]).includes(value);
}
