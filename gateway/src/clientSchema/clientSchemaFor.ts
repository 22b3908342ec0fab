import type { AccessRegistry } from '@govgraph/governance';
import type { GraphQLSchema } from 'graphql';
import { createAccessPolicy, type Reader } from '../access/useAccessPolicy.js';
import { printClientSchema } from './printClientSchema.js';

export interface ClientSchemaInput {
  /** The composed supergraph (its `@classification`s decide what is readable). */
  supergraphSdl: string;
  /** Its API schema, as the gateway serves it. */
  apiSchema: GraphQLSchema;
  registry: AccessRegistry;
  reader: Reader;
}

/**
 * The SDL `GET /schema.graphql` serves to this caller and purpose, made without a running
 * gateway (`npm run schema`): the same access policy and the same printer, over a supergraph
 * and registry given.
 */
export function clientSchemaFor(input: ClientSchemaInput): string {
  const policy = createAccessPolicy({ registry: input.registry });
  policy.update({ coreSupergraphSdl: input.supergraphSdl });
  return printClientSchema(policy.readableSchema(input.apiSchema, input.reader));
}
