import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@govgraph/hub';
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

function annotateType(type: unknown, metadata: SchemaMetadata): unknown {
  if (!isRecord(type) || typeof type.name !== 'string') return type;
  const name = type.name;
  const fields = Array.isArray(type.fields) ? type.fields.filter(isNamed) : undefined;
  const annotated: Record<string, unknown> = {
    ...type,
    description: withLine(type.description, typeMetadata(name, fields, metadata)),
  };
  if (fields) {
    annotated.fields = fields.map((field) => ({
      ...field,
      description: withLine(field.description, metadata.fields.get(`${name}.${field.name}`)),
    }));
  }
  return annotated;
}

/**
 * A type with fields names the departments of the fields the answer shows, not every
 * department that adds to it: `Query` lists all of them in the supergraph, and an anonymous
 * caller must not learn which departments hold fields hidden from them.
 */
function typeMetadata(
  name: string,
  fields: readonly { name: string }[] | undefined,
  metadata: SchemaMetadata,
): Metadata | undefined {
  const own = metadata.types.get(name);
  if (!own || !fields) return own;
  const departments = new Set<string>();
  for (const field of fields) {
    for (const d of metadata.fields.get(`${name}.${field.name}`)?.departments ?? []) {
      departments.add(d);
    }
  }
  return { level: own.level, departments: [...departments].sort() };
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
