import { MapperKind, mapSchema, pruneSchema } from '@graphql-tools/utils';
import { type GraphQLSchema, isSpecifiedDirective, printSchema } from 'graphql';

/**
 * Names that belong to federation or to the supergraph's core features, never to a client:
 * `join__*`, `link__*` and the subgraph plumbing (`_Entity`, `_Service`, `_Any`, `_entities`,
 * `_service`). The API schema the gateway serves has none; this guards the printed schema
 * should a supergraph ever leak one.
 */
const FEDERATION_NAME =
  /^(join__|link__|inaccessible__|_Entity$|_Service$|_Any$|_entities$|_service$)/;

const printed = new WeakMap<GraphQLSchema, string>();

/**
 * The client schema as SDL: types, fields, arguments and their descriptions, `@deprecated`,
 * and each custom scalar with its `@specifiedBy`; without federation types and fields and
 * without directive definitions other than GraphQL's own (a client has no use for
 * `@classification`, `@link` or `@join__*`). Memoized per schema object.
 */
export function printClientSchema(schema: GraphQLSchema): string {
  let sdl = printed.get(schema);
  if (sdl === undefined) {
    sdl = `${printSchema(withoutFederation(schema))}\n`;
    printed.set(schema, sdl);
  }
  return sdl;
}

function withoutFederation(schema: GraphQLSchema): GraphQLSchema {
  const cut = mapSchema(schema, {
    [MapperKind.TYPE]: (type) => (FEDERATION_NAME.test(type.name) ? null : type),
    [MapperKind.COMPOSITE_FIELD]: (config, fieldName) =>
      FEDERATION_NAME.test(fieldName) ? null : config,
    [MapperKind.DIRECTIVE]: (directive) => (isSpecifiedDirective(directive) ? directive : null),
  });
  return pruneSchema(cut);
}
