import { hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { standardsTypeDefs } from '@govgraph/schema/directives';
import { BAD_REQUEST, HUB_CONTEXT_REQUIRED } from '@govgraph/schema/errors';
import { standardScalars } from '@govgraph/schema/scalars';
import type { Logger } from '@govgraph/server';
import {
  CALLER_TOKEN_HEADER,
  type CallerTokenVerifier,
  createGraphQLHandler,
  formatPublicError,
  type Listening,
  listen,
  type RequestScope,
  sendJson,
  traceRequest,
  useErrorMasking,
} from '@govgraph/server';
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  OperationTypeNode,
  parse,
} from 'graphql';
import { type QueryExecutorProvider, sql } from 'kysely';
import {
  createDepartmentMetrics,
  type DepartmentMetrics,
  departmentMetricsRoute,
  useDepartmentMetrics,
} from './departmentMetrics.js';
import { type SubjectsOf, useSubjects } from './subjects.js';
import { usePrivateScope } from './usePrivateScope.js';

type SchemaModules = Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>;
/** The resolver map shape `buildSubgraphSchema` takes. */
export type DepartmentResolvers = NonNullable<
  Extract<SchemaModules[number], { typeDefs: unknown }>['resolvers']
>;

/**
 * A department's subgraph schema: the shared standards (federation link, metadata directives,
 * identifier scalars with their parse rules) followed by the department's own SDL.
 */
export function buildDepartmentSchema(
  typeDefs: DocumentNode,
  resolvers: DepartmentResolvers,
): GraphQLSchema {
  return buildSubgraphSchema([
    { typeDefs: standardsTypeDefs, resolvers: { ...standardScalars } },
    { typeDefs, resolvers },
  ]);
}

/**
 * Where a department's schema comes from: its SDL and its resolvers (the usual case; the
 * standards are added in front), or a schema built elsewhere.
 */
export type DepartmentSchemaSource =
  | { schema: GraphQLSchema }
  | {
      typeDefs: DocumentNode;
      /**
       * The department's resolvers, typed by its generated `Resolvers`. Those types are
       * stricter than `buildSubgraphSchema`'s loose map, so they meet here, once.
       */
      resolvers: object;
    };

export type DepartmentServerOptions<TContext extends RequestScope & BaseContext> =
  DepartmentSchemaSource & {
    /** Department name as it appears in the supergraph (e.g. `population`). */
    name: string;
    logger: Logger;
    /**
     * Checks the gateway's caller token (header `x-govgraph-caller`) on every GraphQL request:
     * without a valid one the department answers 401 HUB_CONTEXT_REQUIRED and runs nothing.
     */
    callerToken: CallerTokenVerifier;
    /** Builds the per-request context: loaders and anything else scoped to one request. */
    context: (scope: RequestScope, req: IncomingMessage) => TContext | Promise<TContext>;
    /** The department's database: `/ready` answers 200 once a `select 1` succeeds on it. */
    database?: { db: QueryExecutorProvider };
    /** Answers `/ready` instead of the database check. */
    ready?: () => Promise<boolean>;
    /** Types that belong to data subjects, reported with them (`useSubjects`). */
    subjectsOf?: SubjectsOf;
  };

export interface DepartmentServer {
  server: ApolloServer<BaseContext>;
  /** Served at `/metrics`: requests, latency and errors by code (docs/operations.md#metrics). */
  metrics: DepartmentMetrics;
  /** Starts Apollo Server and listens on the port; 0 picks a free one. */
  listen(port: number, host?: string): Promise<Listening>;
}

/** The one factory behind a department in production, `npm start` and tests. It never listens by itself. */
export function createDepartmentServer<TContext extends RequestScope & BaseContext>(
  options: DepartmentServerOptions<TContext>,
): DepartmentServer {
  const schema =
    'schema' in options
      ? options.schema
      : buildDepartmentSchema(options.typeDefs, options.resolvers as DepartmentResolvers);
  const database = options.database;
  const ready =
    options.ready ??
    (database
      ? async () => {
          await sql`select 1`.execute(database.db);
          return true;
        }
      : undefined);
  const metrics = createDepartmentMetrics();
  const server = new ApolloServer<TContext>({
    schema,
    formatError: formatPublicError,
    includeStacktraceInErrorResponses: false,
    // Subgraphs are called by the gateway only; the gateway owns GraphiQL and CSRF policy.
    csrfPrevention: false,
    // The gateway sends the fetches of one request to this department that leave together as
    // one POST of a JSON array (docs/architecture.md#batched-department-fetches): they share
    // the request's context, so its loaders, and the caller token is checked once.
    allowBatchedHttpRequests: true,
    introspection: true,
    // Whoever listens owns shutdown (runDepartmentMain, the tools' startHub); Apollo's own
    // SIGINT/SIGTERM handler would stop the server under them and hang their close.
    stopOnTerminationSignals: false,
    // Inline tracing (Apollo Studio's per-field timings) is off: it costs every request and the
    // hub does not report to Studio.
    plugins: [
      useDepartmentMetrics<TContext>(options.name, metrics),
      useErrorMasking<TContext>(),
      // Reports the national IDs and credit codes answered for, for the gateway's audit record.
      useSubjects<TContext>(options.subjectsOf),
      ApolloServerPluginInlineTraceDisabled(),
      // Nobody browses a department (the gateway owns GraphiQL), and Apollo's landing pages load
      // from its CDN: the local one outside NODE_ENV=production, the production one in it.
      ApolloServerPluginLandingPageDisabled(),
      // In this order: the scope is made private before Apollo writes Cache-Control from it.
      usePrivateScope<TContext>(),
      ApolloServerPluginCacheControl(),
    ],
    logger: options.logger,
  });
  const log = options.logger;
  return {
    server: server as unknown as ApolloServer<BaseContext>,
    metrics,
    async listen(port, host) {
      await server.start();
      const handler = createGraphQLHandler(server, {
        context: async (req, requestId, body) => {
          const logger = log.child({ requestId });
          // The token first: nobody but the gateway gets a department to parse anything.
          const hub = await verifyCallerToken(options.callerToken, req, logger);
          if (Array.isArray(body)) refuseUnsafeBatch(body);
          else refuseUnsafePersisting(body);
          metrics.operationsPerRequest.observe(
            { department: options.name },
            Array.isArray(body) ? body.length : 1,
          );
          return options.context({ requestId, logger, hub }, req);
        },
        routes: {
          '/health': (_req, res) => sendJson(res, 200, { status: 'ok', department: options.name }),
          '/metrics': departmentMetricsRoute(metrics.registry),
          '/ready': async (_req, res) => {
            const ok = ready ? await ready().catch(() => false) : true;
            sendJson(res, ok ? 200 : 503, {
              status: ok ? 'ready' : 'not ready',
              department: options.name,
            });
          },
        },
      });
      // A server span per GraphQL request, continuing the gateway's `traceparent` (tracing on).
      const traced: typeof handler = (req, res) =>
        isGraphQLRequest(req)
          ? traceRequest(req, res, { 'govgraph.department': options.name }, () => handler(req, res))
          : handler(req, res);
      const listening = await listen(traced, port, host);
      return {
        ...listening,
        close: async () => {
          await listening.close();
          await server.stop();
        },
      };
    },
  };
}

// Departments answer the gateway only: the token proves a request came through its policy.
async function verifyCallerToken(
  verifier: CallerTokenVerifier,
  req: IncomingMessage,
  logger: Logger,
): Promise<NonNullable<RequestScope['hub']>> {
  const token = req.headers[CALLER_TOKEN_HEADER];
  if (typeof token !== 'string' || token === '') {
    throw callerTokenRequired('The request carries no caller token.');
  }
  try {
    return await verifier.verify(token);
  } catch (error) {
    logger.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'refused a request with an invalid caller token',
    );
    throw callerTokenRequired(
      'The caller token is not valid (expired, issued in the future, living longer than allowed, or not signed by the gateway).',
    );
  }
}

/**
 * The most operations one batched request may carry; a larger batch is refused whole (400
 * BAD_REQUEST) before anything runs. The gateway never sends more (it splits longer ones).
 */
export const MAX_BATCHED_OPERATIONS = 16;

/**
 * A batch is taken only when it holds at most MAX_BATCHED_OPERATIONS queries: a mutation is
 * run alone, in its own request, so that a write is never one of several run at once. Anything
 * else (a mutation, a document that does not parse, an element that is no operation) refuses
 * the whole batch before any of it runs. An operation sent by its hash alone (a persisted
 * query, docs/architecture.md#persisted-department-queries) is a query: only queries are ever
 * kept by hash (refuseUnsafePersisting), so a hash names a query or nothing.
 */
function refuseUnsafeBatch(operations: readonly unknown[]): void {
  if (operations.length > MAX_BATCHED_OPERATIONS) {
    throw BAD_REQUEST.refusal(
      `The request is a batch of ${operations.length} operations; a department takes at most ${MAX_BATCHED_OPERATIONS} in one request. Nothing was run: send them in smaller batches.`,
    );
  }
  for (const operation of operations) {
    const query = (operation as { query?: unknown } | null)?.query;
    const safe =
      typeof query === 'string'
        ? onlyQueries(query)
        : query === undefined && persistedHashOf(operation) !== undefined;
    if (!safe) {
      throw BAD_REQUEST.refusal(
        'A batched request may hold queries only: send each mutation (and any operation that does not parse) in a request of its own. Nothing was run.',
      );
    }
    refuseUnsafePersisting(operation);
  }
}

/**
 * A text sent with its hash is kept under that hash (Apollo Server's automatic persisted
 * queries), to be run later by the hash alone, in a batch too. So only a query may be kept: a
 * mutation sent with a hash is refused before it runs, and never kept.
 */
function refuseUnsafePersisting(operation: unknown): void {
  const query = (operation as { query?: unknown } | null)?.query;
  const sent = persistedHashOf(operation);
  if (typeof query !== 'string' || sent === undefined) return;
  if (!onlyQueries(query)) {
    throw BAD_REQUEST.refusal(
      'Only queries are kept by hash: send a mutation (and any document that does not parse) with its text alone, without a persistedQuery extension. Nothing was run.',
    );
  }
  // Apollo Server checks this too, but answers it without a code.
  if (hash('sha256', query, 'hex') !== sent) {
    throw BAD_REQUEST.refusal(
      'The persistedQuery sha256Hash is not the SHA-256 of the query text: send the hex SHA-256 of the text itself. Nothing was run or kept.',
    );
  }
}

/** The sha256Hash of an operation's persistedQuery extension, when it has one. */
function persistedHashOf(operation: unknown): string | undefined {
  const extensions = (operation as { extensions?: unknown } | null)?.extensions;
  const persisted = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  const hash = (persisted as { sha256Hash?: unknown } | null | undefined)?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** Whether every operation a document defines is a query, by document text (kept, as the gateway repeats its texts). */
function onlyQueries(text: string): boolean {
  let known = queryDocuments.get(text);
  if (known === undefined) {
    try {
      known = parse(text).definitions.every(
        (definition) =>
          definition.kind !== Kind.OPERATION_DEFINITION ||
          definition.operation === OperationTypeNode.QUERY,
      );
    } catch {
      known = false;
    }
    if (queryDocuments.size >= QUERY_DOCUMENTS_KEPT) queryDocuments.clear();
    queryDocuments.set(text, known);
  }
  return known;
}
const queryDocuments = new Map<string, boolean>();
const QUERY_DOCUMENTS_KEPT = 1000;

function callerTokenRequired(why: string): GraphQLError {
  return HUB_CONTEXT_REQUIRED.refusal(
    `${why} Departments answer the gateway only: send the query to the gateway (/graphql on port 4000).`,
  );
}

function isGraphQLRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '/';
  return url === '/graphql' || url.startsWith('/graphql?');
}
