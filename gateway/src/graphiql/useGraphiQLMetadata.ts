import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@govgraph/governance';
import type { GatewayContext } from '../context.js';
import { type Metadata, type SchemaMetadata, schemaMetadata } from './schemaMetadata.js';

/** The header GraphiQL's fetcher sends; other clients get the schema exactly as before. */
export const GRAPHIQL_METADATA_HEADER = 'x-graphiql-metadata';

/** The departments' names as the README's department table gives them. */
const DEPARTMENT_LABELS: Readonly<Record<string, string>> = {
  population: 'population registry',
  market: 'business registry',
  housing: 'real-estate registry',
  tax: 'tax administration',
  social: 'social insurance',
  complaints: 'citizen hotline',
  approvals: 'parallel approvals',
  statistics: 'statistics bureau',
  tracker: 'data tracker',
};

/** Who the request was answered as, for GraphiQL's connection status. */
export interface GraphiQLSession {
  kind: Caller['kind'];
  agencyId?: string;
  agencyName?: string;
  purpose: string | null;
  /** Whether a case number and an operator were sent (SENSITIVE fields need both). */
  caseId: boolean;
  operatorId: boolean;
}

export interface GraphiQLMetadata {
  /** Call from `gateway.onSchemaLoadOrUpdate`. */
  update(supergraph: { coreSupergraphSdl: string }): void;
  plugin(): ApolloServerPlugin<GatewayContext>;
}

/**
 * For requests with `X-GraphiQL-Metadata: 1` (GraphiQL's own fetcher): every type and field
 * description in a `__schema` answer starts with its classification and owning departments,
 * e.g. "`PERSONAL` · population registry", and `extensions.graphiql` says whom the request
 * was answered as. Only what the answer already holds is annotated, and the access policy has
 * already cut that answer down to the caller's readable schema (docs/access.md#introspection),
 * so nothing hidden is named. Runs in `willSendResponse`, after the response cache has taken
 * its copy: introspection is never stored there anyway (the access plugin answers it).
 */
export function createGraphiQLMetadata(): GraphiQLMetadata {
  let metadata: SchemaMetadata | undefined;
  return {
    update({ coreSupergraphSdl }) {
      metadata = schemaMetadata(coreSupergraphSdl);
    },
    plugin: () => ({
      async requestDidStart({ request }) {
        if (request.http?.headers.get(GRAPHIQL_METADATA_HEADER)?.trim() !== '1') return;
        return {
          async willSendResponse({ response, contextValue }) {
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, graphiql: sessionOf(contextValue) };
            const schema = result.data?.__schema;
            if (metadata && isRecord(schema)) {
              result.data = { ...result.data, __schema: annotateSchema(schema, metadata) };
            }
          },
        };
      },
    }),
  };
}

function sessionOf(context: GatewayContext): GraphiQLSession {
  const { caller } = context;
  return {
    kind: caller.kind,
    ...(caller.kind === 'agency' ? { agencyId: caller.agencyId, agencyName: caller.name } : {}),
    purpose: context.purpose,
    caseId: context.caseId !== null,
    operatorId: context.operatorId !== null,
  };
}

function annotateSchema(
  schema: Record<string, unknown>,
  metadata: SchemaMetadata,
): Record<string, unknown> {
  if (!Array.isArray(schema.types)) return schema;
  return { ...schema, types: schema.types.map((type) => annotateType(type, metadata)) };
}

/** Object and interface types (those with fields) and their fields; other types stay as they are. */
function annotateType(type: unknown, metadata: SchemaMetadata): unknown {
  if (!isRecord(type) || typeof type.name !== 'string' || !Array.isArray(type.fields)) return type;
  const own = metadata.types.get(type.name);
  if (!own) return type;
  const fields = type.fields.filter(isNamed);
  const lines = visibleFieldMetadata(type.name, fields, metadata);
  const departments = [...new Set([...lines.values()].flatMap((m) => m.departments))].sort();
  return {
    ...type,
    description: withLine(type.description, { level: own.level, departments }),
    fields: fields.map((field) => ({
      ...field,
      description: withLine(field.description, lines.get(field.name)),
    })),
  };
}

/**
 * The metadata of the fields the answer shows, named only by departments the caller can see
 * at work: a field several departments resolve (an entity's key, `Person.nationalId`) names
 * those of them that own a field shown here, and a type names the departments of its shown
 * fields. The supergraph lists every department that extends a type (`Query` all of them),
 * and a caller must not learn from the docs which departments hold fields hidden from them.
 */
function visibleFieldMetadata(
  typeName: string,
  fields: readonly { name: string }[],
  metadata: SchemaMetadata,
): Map<string, Metadata> {
  const found = new Map<string, Metadata>();
  for (const field of fields) {
    const meta = metadata.fields.get(`${typeName}.${field.name}`);
    if (meta) found.set(field.name, meta);
  }
  const owners = new Set(
    [...found.values()].filter((m) => m.departments.length === 1).flatMap((m) => m.departments),
  );
  if (owners.size === 0) return found;
  for (const [field, meta] of found) {
    const kept = meta.departments.filter((d) => owners.has(d));
    if (meta.departments.length > 1 && kept.length > 0) {
      found.set(field, { ...meta, departments: kept });
    }
  }
  return found;
}

function isNamed(value: unknown): value is Record<string, unknown> & { name: string } {
  return isRecord(value) && typeof value.name === 'string';
}

/** "`PERSONAL` · population registry", then a blank line and the description. */
export function metadataLine(meta: Metadata): string {
  const departments = meta.departments.map((d) => DEPARTMENT_LABELS[d] ?? d).join(', ');
  return [meta.level ? `\`${meta.level}\`` : '', departments].filter(Boolean).join(' · ');
}

function withLine(description: unknown, meta: Metadata | undefined): unknown {
  if (!meta) return description;
  const line = metadataLine(meta);
  if (!line) return description;
  return typeof description === 'string' && description ? `${line}\n\n${description}` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
