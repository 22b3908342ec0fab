import { GRAPHQL_VALIDATION_FAILED } from '@govgraph/schema';
import type { Logger } from '@govgraph/server';
import {
  type ASTVisitor,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  specifiedRules,
  type ValidationContext,
  validate,
} from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * The validation errors one caller is shown for an operation that failed validation against
 * the full supergraph: those of the same document validated against the schema the caller may
 * read (the one their introspection is answered from), so "Did you mean …?", type names in
 * "on type …" and unknown-argument hints name only what that caller may see. Validation that
 * finds nothing wrong there (the readable schema is a cut of the full one, so it should not
 * happen) still fails, with an error that names nothing.
 */
export function callerValidationErrors(
  readable: GraphQLSchema,
  document: DocumentNode,
): readonly GraphQLError[] {
  const errors = validate(readable, document, [...specifiedRules, knownOperationTypes]);
  return errors.length > 0 ? errors : [concealedValidationError()];
}

/** Per readable schema, the errors shown for each failing document (by query hash). */
export type CallerValidationCache = (
  readable: GraphQLSchema,
  queryHash: string,
  document: DocumentNode,
) => readonly GraphQLError[];

/**
 * `callerValidationErrors`, remembered per (readable schema, document): a readable schema is
 * one object per (supergraph, registry version, caller, purpose), so dropping it drops its
 * verdicts too. @param perSchema failing documents remembered per readable schema
 */
export function cachedCallerValidation(perSchema = 1000): CallerValidationCache {
  const verdicts = new WeakMap<GraphQLSchema, LRUCache<string, readonly GraphQLError[]>>();
  return (readable, queryHash, document) => {
    let bySchema = verdicts.get(readable);
    if (!bySchema) {
      bySchema = new LRUCache({ max: perSchema });
      verdicts.set(readable, bySchema);
    }
    let errors = bySchema.get(queryHash);
    if (!errors) {
      errors = callerValidationErrors(readable, document);
      bySchema.set(queryHash, errors);
    }
    return errors;
  };
}

/** Fail closed: an error with no field, type or argument name in it. */
export function concealedValidationError(): GraphQLError {
  return GRAPHQL_VALIDATION_FAILED.err(
    'The operation does not fit the schema this caller may read. Compare it with the schema GraphiQL shows when sent with the same headers.',
  );
}

/**
 * `validationDidStart`'s end hook: replaces the errors Apollo found against the full schema,
 * in place, with `callerErrors()`, or with one error naming nothing when that fails. Apollo
 * hands the hook the very array it then sends (`requestPipeline.js`), typed read-only, and does
 * not await the hook: this must stay synchronous.
 */
export function showCallerValidationErrors(
  sent: ReadonlyArray<Error> | undefined,
  callerErrors: () => readonly GraphQLError[],
  logger: Logger,
): void {
  if (!sent || sent.length === 0) return;
  let shown: readonly GraphQLError[];
  try {
    shown = callerErrors();
  } catch (err) {
    logger.error({ err }, 'validating against the caller schema failed; errors concealed');
    shown = [concealedValidationError()];
  }
  (sent as Error[]).splice(0, sent.length, ...shown);
}

// graphql-js 16 reports `mutation` on a schema without a Mutation type only when executing, and
// skips the fields under it; a caller whose readable schema has no Mutation type would then get
// no validation error at all for `mutation { recordRevie }`.
function knownOperationTypes(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation)) return;
      context.reportError(
        new GraphQLError(
          `This caller's schema has no ${node.operation} operations; send a query.`,
          { nodes: node },
        ),
      );
    },
  };
}
