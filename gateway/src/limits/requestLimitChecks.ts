import type { ApolloServerPlugin, HTTPGraphQLRequest } from '@apollo/server';
import { OPERATION_LIMIT_EXCEEDED } from '@govgraph/schema';
import { type DocumentNode, type GraphQLError, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import { Counter, type Registry } from 'prom-client';
import type { GatewayContext } from '../context.js';
import { countTokens, measureDocument, type OperationMeasure } from './measureOperation.js';
import type { RequestLimits } from './requestLimits.js';

type StructuralLimit = 'maxDepth' | 'maxAliases' | 'maxDirectives';
type OperationLimit = StructuralLimit | 'maxTokens';

const MEASURED: readonly [StructuralLimit, keyof OperationMeasure][] = [
  ['maxDepth', 'depth'],
  ['maxAliases', 'aliases'],
  ['maxDirectives', 'directives'],
];

const WHAT: Record<OperationLimit, string> = {
  maxDepth: 'is nested deeper',
  maxAliases: 'has more aliased fields',
  maxDirectives: 'has more directives',
  maxTokens: 'has more tokens',
};

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
  /** Logs and counts an answer refused over `maxResponseBytes` (the HTTP handler refuses it). */
  responseRefused(context: GatewayContext, bytes: number, max: number): void;
}

/** What is known of one document text: its exact token count and its measure. */
interface TextMeasure extends OperationMeasure {
  tokens: number;
}

export function createRequestLimitChecks(registry: Registry): RequestLimitChecks {
  const refusals = new Counter({
    name: 'govgraph_limit_refusals_total',
    help: 'Operations refused over a request limit, by limit (docs/limits.md).',
    labelNames: ['limit'],
    registers: [registry],
  });
  // By document text: each text is lexed, parsed and measured once, at the edge, and the
  // plugin finds it here for the same request. Only texts lexed whole (within the caller's
  // maxTokens) are kept, so their token count is exact.
  const byText = new LRUCache<string, TextMeasure>({
    max: 2000,
    maxSize: 5_000_000,
    sizeCalculation: (_, text) => text.length + 1,
  });
  const byDocument = new WeakMap<DocumentNode, OperationMeasure>();
  const refuse = (context: GatewayContext, over: Over): GraphQLError => {
    refusals.inc({ limit: over.name });
    return refusal(context, over);
  };

  const screenText = (text: string, context: GatewayContext): GraphQLError | undefined => {
    const known = byText.get(text);
    if (known) {
      const over = textOver(known, context.limits);
      return over ? refuse(context, over) : undefined;
    }
    const max = context.limits.maxTokens;
    const tokens = countTokens(text, max);
    if (tokens > max) return refuse(context, { name: 'maxTokens', value: tokens, atLeast: true });
    let document: DocumentNode;
    try {
      document = parse(text, { noLocation: true });
    } catch {
      return undefined; // Apollo parses it again and says what is wrong.
    }
    const measured = { ...measureDocument(document), tokens };
    byText.set(text, measured);
    const over = textOver(measured, context.limits);
    return over ? refuse(context, over) : undefined;
  };

  const checkResolved = (
    source: string,
    document: DocumentNode,
    context: GatewayContext,
  ): GraphQLError | undefined => {
    const known = byText.get(source);
    if (known) {
      const over = textOver(known, context.limits);
      return over ? refuse(context, over) : undefined;
    }
    // Not seen at the edge: a persisted query sent by its hash, or a text since evicted.
    const max = context.limits.maxTokens;
    const tokens = countTokens(source, max);
    if (tokens > max) return refuse(context, { name: 'maxTokens', value: tokens, atLeast: true });
    let measured = byDocument.get(document);
    if (!measured) {
      measured = measureDocument(document);
      byDocument.set(document, measured);
    }
    const over = structureOver(measured, context.limits);
    return over ? refuse(context, over) : undefined;
  };

  return {
    screen(request, context) {
      for (const text of queryTexts(request)) {
        const refused = screenText(text, context);
        if (refused) return refused;
      }
      return undefined;
    },
    responseRefused(context, bytes, max) {
      refusals.inc({ limit: 'maxResponseBytes' });
      context.logger.info(
        { limit: { name: 'maxResponseBytes', value: bytes, max } },
        'refused: the answer is over the maxResponseBytes limit',
      );
    },
    plugin: () => ({
      async requestDidStart() {
        return {
          async didResolveOperation({ source, document, contextValue }) {
            const refused = checkResolved(source, document, contextValue);
            if (refused) throw refused;
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

/** A limit an operation is over: its name, what the operation has, and whether counting stopped there. */
interface Over {
  name: OperationLimit;
  value: number;
  atLeast?: boolean;
}

function textOver(measured: TextMeasure, limits: RequestLimits): Over | undefined {
  if (measured.tokens > limits.maxTokens) return { name: 'maxTokens', value: measured.tokens };
  return structureOver(measured, limits);
}

function structureOver(measured: OperationMeasure, limits: RequestLimits): Over | undefined {
  for (const [name, key] of MEASURED) {
    if (measured[key] > limits[name]) return { name, value: measured[key] };
  }
  return undefined;
}

/** The refusal: the limit's name, what the operation has (tokens: at least) and the most allowed. */
function refusal(context: GatewayContext, { name, value, atLeast }: Over): GraphQLError {
  const max = context.limits[name];
  context.logger.info({ limit: { name, value, max } }, `refused: over the ${name} limit`);
  return OPERATION_LIMIT_EXCEEDED.refusal(
    `The operation ${WHAT[name]} than allowed: ${name} is ${max}, the operation has ${atLeast ? 'at least ' : ''}${value}. ` +
      `${HOW_TO_FIX[name]}, or ask the platform operator to raise ${name} for your agency.`,
    { extensions: { limit: { name, value, max } } },
  );
}
