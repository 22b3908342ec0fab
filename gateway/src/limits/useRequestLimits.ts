import type { ApolloServerPlugin, HTTPGraphQLRequest } from '@apollo/server';
import { OPERATION_LIMIT_EXCEEDED } from '@govgraph/schema';
import { type DocumentNode, type GraphQLError, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context.js';
import { countTokens, measureDocument, type OperationMeasure } from './measureOperation.js';
import type { RequestLimits } from './requestLimits.js';

type StructuralLimit = 'maxDepth' | 'maxAliases' | 'maxDirectives';
type OperationLimit = StructuralLimit | 'maxTokens';

const MEASURED: readonly [StructuralLimit, keyof OperationMeasure, string][] = [
  ['maxDepth', 'depth', 'is nested deeper'],
  ['maxAliases', 'aliases', 'has more aliased fields'],
  ['maxDirectives', 'directives', 'has more directives'],
];

const HOW_TO_FIX: Record<OperationLimit, string> = {
  maxDepth:
    'Fetch the nested data by its key in a second operation (fragments count where they are spread)',
  maxAliases: 'Send fewer aliased fields, or several operations',
  maxDirectives: 'Send fewer directives',
  maxTokens: 'Send a shorter operation, or several',
};

/**
 * Depth, alias, directive and token limits (docs/limits.md), read from `GatewayContext.limits`
 * so that an agency's raised limits apply to it alone. Two checks of the same rules:
 *
 * - `screen`, at the HTTP edge, before Apollo sees the request: tokens are counted with the
 *   lexer before anything is parsed, then the document is parsed and measured before graphql-js
 *   validates it (its overlapping-fields rule is quadratic in the fields of a selection set:
 *   5,000 aliases were a two-second stall of the whole process). Apollo's plugin hooks before
 *   validation cannot refuse a request (an error thrown there becomes a 500), hence the edge.
 * - `plugin`, once Apollo resolved the operation: the same checks on the document Apollo will
 *   run, which covers documents it did not parse from this request (an automatic persisted
 *   query sent by hash, a document from its cache of validated ones).
 *
 * Neither names a field: a refusal reveals nothing about what the caller may not read.
 */
export interface RequestLimitChecks {
  screen(request: HTTPGraphQLRequest, context: GatewayContext): GraphQLError | undefined;
  plugin(): ApolloServerPlugin<GatewayContext>;
}

export function createRequestLimitChecks(): RequestLimitChecks {
  // Measures by document text (the edge parses each text once) and by parsed document.
  const byText = new LRUCache<string, OperationMeasure>({
    max: 2000,
    maxSize: 20_000_000,
    sizeCalculation: (_, text) => text.length + 1,
  });
  const byDocument = new WeakMap<DocumentNode, OperationMeasure>();

  const screenText = (text: string, context: GatewayContext): GraphQLError | undefined => {
    const tooLong = tokensOver(text, context);
    if (tooLong) return tooLong;
    let measured = byText.get(text);
    if (!measured) {
      let document: DocumentNode;
      try {
        document = parse(text, { noLocation: true });
      } catch {
        return undefined; // Apollo parses it again and says what is wrong.
      }
      measured = measureDocument(document);
      byText.set(text, measured);
    }
    return structureOver(measured, context);
  };

  return {
    screen(request, context) {
      for (const text of queryTexts(request)) {
        const refusal = screenText(text, context);
        if (refusal) return refusal;
      }
      return undefined;
    },
    plugin: () => ({
      async requestDidStart() {
        return {
          async didResolveOperation({ source, document, contextValue }) {
            const tooLong = tokensOver(source, contextValue);
            if (tooLong) throw tooLong;
            let measured = byDocument.get(document);
            if (!measured) {
              measured = measureDocument(document);
              byDocument.set(document, measured);
            }
            const over = structureOver(measured, contextValue);
            if (over) throw over;
          },
        };
      },
    }),
  };
}

/**
 * The query text of the request: a GET's `query` parameter or a POST body's `query`. A batch (a
 * JSON array body) has none to look at: batching is off, so Apollo refuses the whole array
 * before it reads any operation in it (one operation per request is the batch limit).
 */
function queryTexts(request: HTTPGraphQLRequest): string[] {
  if (request.method === 'GET') {
    const query = new URLSearchParams(request.search).get('query');
    return query === null ? [] : [query];
  }
  const query = (request.body as { query?: unknown } | null | undefined)?.query;
  return typeof query === 'string' ? [query] : [];
}

function tokensOver(text: string, context: GatewayContext): GraphQLError | undefined {
  const max = context.limits.maxTokens;
  const tokens = countTokens(text, max);
  return tokens > max ? refusal(context, 'maxTokens', tokens, 'has more tokens') : undefined;
}

function structureOver(
  measured: OperationMeasure,
  context: GatewayContext,
): GraphQLError | undefined {
  for (const [limit, key, what] of MEASURED) {
    if (measured[key] > context.limits[limit]) {
      return refusal(context, limit, measured[key], what);
    }
  }
  return undefined;
}

/** The refusal: the limit's name, what the operation has (tokens: one past the limit) and the most allowed. */
function refusal(
  context: GatewayContext,
  name: OperationLimit & keyof RequestLimits,
  value: number,
  what: string,
): GraphQLError {
  const max = context.limits[name];
  const shown = name === 'maxTokens' ? `more than ${max}` : String(value);
  context.logger.info({ limit: { name, value, max } }, `refused: over the ${name} limit`);
  return OPERATION_LIMIT_EXCEEDED.err(
    `The operation ${what} than allowed: ${name} is ${max}, the operation has ${shown}. ` +
      `${HOW_TO_FIX[name]}, or ask the platform operator to raise ${name} for your agency.`,
    { extensions: { limit: { name, value, max }, http: { status: 400 } } },
  );
}
