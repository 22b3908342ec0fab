import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { trustedDeskDocuments } from '@govgraph/desk';
import type { AccessRegistry, AuditLog, OperatorSessions } from '@govgraph/governance';
import { GATEWAY_NOT_READY } from '@govgraph/schema';
import {
  activeTraceId,
  type CallerTokenSigner,
  createGraphQLHandler,
  formatPublicError,
  type Listening,
  type Logger,
  listen,
  sendError,
  traceRequest,
} from '@govgraph/server';
import type { GraphQLSchema } from 'graphql';
import { gatewayCorsPolicy } from './access/browserOrigin.js';
import { createAccessPolicy } from './access/useAccessPolicy.js';
import {
  createGatewayCache,
  type GatewayCache,
  type GatewayCacheOptions,
} from './cache/createGatewayCache.js';
import { encodedBody, stringifyResult } from './cache/storedAnswer.js';
import { PRIVATE_NO_STORE } from './cache/useCacheControlHeader.js';
import { DEFAULT_CATALOG_CACHE } from './catalog/buildCatalog.js';
import { createCatalogService } from './catalog/catalogRoutes.js';
import { clientSchemaRoutes } from './clientSchema/clientSchemaRoute.js';
import type { GatewayContext } from './context.js';
import { CORRELATION_HEADER, correlationIdOf } from './correlationId.js';
import { DepartmentDataSource, isDepartmentOutage } from './dataSource/DepartmentDataSource.js';
import { createDepartmentGuards } from './dataSource/departmentGuard.js';
import {
  DEFAULT_DEPARTMENT_GUARD,
  type DepartmentGuardConfig,
} from './dataSource/departmentGuardConfig.js';
import { createDeskPlanner } from './desk/deskPlan.js';
import { deskRoutes } from './desk/deskRoutes.js';
import { trustedDocumentCache } from './desk/trustedDocumentCache.js';
import { type ExecutorChoice, leanGateway } from './executor/leanGateway.js';
import { graphiqlRoutes } from './graphiql/graphiqlRoutes.js';
import { createGraphiQLMetadata } from './graphiql/useGraphiQLMetadata.js';
import { healthRoutes } from './healthRoutes.js';
import { createRequestLimitChecks } from './limits/requestLimitChecks.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './limits/requestLimits.js';
import { createCostLimit } from './limits/useCostLimit.js';
import {
  createGatewayMetrics,
  type GatewayMetrics,
  metricsRoute,
} from './metrics/gatewayMetrics.js';
import { observedAuditLog } from './observe/auditTiming.js';
import { createDepartmentProbe, type DepartmentProbeOptions } from './observe/departmentProbe.js';
import { observeQueryPlanCache } from './observe/queryPlanCache.js';
import { createRequestObserver } from './observe/requestObserver.js';
import { requestPipeline } from './pipeline/requestPipeline.js';
import { createRateLimiter, type RateLimitOptions } from './rateLimit/rateLimiter.js';
import { operationCount } from './rateLimit/useRateLimit.js';
import { requestContext } from './requestContext.js';
import { createApolloGateway } from './supergraph/createApolloGateway.js';
import { supergraphFromFile } from './supergraph/supergraphFromFile.js';

export type { GatewayContext } from './context.js';

export interface GatewayServerOptions {
  /** The composed supergraph file; it is watched and reloaded when it changes. */
  supergraphPath: string;
  logger: Logger;
  /** How long one department fetch may take. @default 5000 */
  subgraphTimeoutMs?: number;
  /**
   * The most queries of one request sent to a department together, as one batched POST
   * (docs/architecture.md#batched-department-fetches); 1 sends every fetch alone. @default 16
   */
  subgraphBatchOperations?: number;
  /**
   * Sends a query a department has run before by its hash instead of its text (automatic
   * persisted queries, docs/architecture.md#persisted-department-queries). @default true
   */
  subgraphPersistedQueries?: boolean;
  /** Overrides a department's URL by its supergraph name (tests start departments on free ports). */
  subgraphUrls?: Record<string, string>;
  /** Query text GraphiQL's first tab opens with. @default a query of public statistics */
  graphiqlDefaultQuery?: string;
  /** The national ID in the variables of GraphiQL's citizen-record tab. @default the standard's sample */
  graphiqlExampleNationalId?: string;
  /** Quiet time after a supergraph file change before it is reloaded. @default 100 */
  reloadDebounceMs?: number;
  /**
   * The access layer: callers identified by the registry (`X-Api-Key`, `Authorization: Bearer`),
   * every operation checked against their grants before it runs, introspection filtered, and
   * the caller token departments require signed with `signer`. Required: a gateway
   * without the policy must say so with `{ unchecked: true, signer }` — every caller is then
   * anonymous and nothing is checked, which only the tests of other layers want.
   */
  access:
    | { registry: AccessRegistry; signer: CallerTokenSigner }
    | { unchecked: true; signer: CallerTokenSigner };
  /**
   * The audit log every read of personal or confidential data, and every denied attempt, is
   * recorded in before the answer leaves; none means no audit trail (development only).
   */
  audit?: { log: AuditLog };
  /**
   * Response and entity caches (docs/caching.md); `{ enabled: false }`, `{ response: false }`
   * (entity cache only) and `{ entity: false }` are the benchmark's variants. @default no caches
   */
  cache?: GatewayCacheOptions;
  /** The limits every request is held to unless its agency's are raised (docs/limits.md). */
  limits?: Partial<RequestLimits>;
  /**
   * Per-caller rate limits, requests/s and cost/s (docs/limits.md#rate-limits): shared through
   * Redis when `redisUrl` is set, else counted in this process. Unset: no rate limit (tests of
   * other layers, the benchmark); `main.ts` and `npm start` always pass one.
   */
  rateLimit?: RateLimitOptions;
  /**
   * Per department: calls in flight and queued, the circuit breaker, the answer size cap
   * (docs/reliability.md). @default DEFAULT_DEPARTMENT_GUARD
   */
  departmentGuard?: Partial<DepartmentGuardConfig>;
  /**
   * The service desk at `/desk` (docs/access.md "Service-desk sessions"): operators sign in
   * with the hub's sessions. Needs the access registry. Unset: no desk.
   */
  desk?: { sessions: OperatorSessions };
  /** `/ready`'s probe of each department's `/health` (docs/operations.md#readiness). */
  readiness?: DepartmentProbeOptions;
  /** Operation names counted by name in `govgraph_requests_total` besides the trusted documents'. */
  operationNames?: readonly string[];
  /**
   * Which executor runs @apollo/gateway's query plans: govgraph's lean one, or Apollo's own
   * (docs/architecture.md "The lean executor"; both give the same answers). @default 'lean'
   */
  executor?: ExecutorChoice;
}

export interface GatewayServer {
  server: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  /** The caches, when on: in-process departments evict through `cache.invalidate`. */
  cache?: GatewayCache;
  /** Served at `/metrics`. */
  metrics: GatewayMetrics;
  /**
   * Binds the port (0 picks a free one), then loads the supergraph; resolves once queries can
   * be served. Meanwhile `/health` answers 200 and `/ready` and `/graphql` 503.
   */
  listen(port: number, host?: string): Promise<Listening>;
}

/** The one factory behind the gateway in production, `npm start` and tests. It never listens by itself. */
export function createGatewayServer(options: GatewayServerOptions): GatewayServer {
  const { logger } = options;
  const metrics = createGatewayMetrics();
  const cache = options.cache ? createGatewayCache(options.cache, logger, metrics) : undefined;
  const signer = options.access.signer;
  const registry = 'registry' in options.access ? options.access.registry : undefined;
  const policy = registry ? createAccessPolicy({ registry }) : undefined;
  const limits: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...options.limits };
  const rateLimiter =
    options.rateLimit && options.rateLimit.enabled !== false
      ? createRateLimiter(options.rateLimit, logger, metrics)
      : undefined;
  const guardConfig = { ...DEFAULT_DEPARTMENT_GUARD, ...options.departmentGuard };
  const guardFor = createDepartmentGuards({
    config: guardConfig,
    isOutage: isDepartmentOutage,
    metrics,
    logger,
  });
  const limitChecks = createRequestLimitChecks(metrics.registry);
  const readiness = createDepartmentProbe({ ...options.readiness, metrics });
  const observer = createRequestObserver({
    metrics,
    logger,
    ...(registry ? { registry } : {}),
    ...(options.operationNames ? { operationNames: options.operationNames } : {}),
  });
  const audit = options.audit ? observedAuditLog(options.audit.log, metrics) : undefined;
  const gateway = createApolloGateway({
    // Apollo's own spans (plan, execute, fetch) join the request's trace when tracing is on;
    // never with the document or error messages, which may quote a national ID.
    telemetry: { includeDocument: false, recordExceptions: false },
    supergraphSdl: supergraphFromFile({
      path: options.supergraphPath,
      logger,
      debounceMs: options.reloadDebounceMs,
    }),
    buildService: ({ name, url }) => {
      const departmentUrl = options.subgraphUrls?.[name] ?? url ?? '';
      readiness.register(name, departmentUrl);
      return new DepartmentDataSource({
        name,
        url: departmentUrl,
        logger,
        timeoutMs: options.subgraphTimeoutMs,
        ...(options.subgraphBatchOperations !== undefined
          ? { batchOperations: options.subgraphBatchOperations }
          : {}),
        ...(options.subgraphPersistedQueries === false ? { persistedQueries: false } : {}),
        cache,
        callerToken: signer,
        guard: guardFor(name),
        maxResponseBytes: guardConfig.maxResponseBytes,
        metrics,
        onFetch: observer.fetched,
      });
    },
    // Refuse a malformed supergraph in production too, rather than failing on the first query.
    validateSupergraph: true,
    logger,
  });
  observeQueryPlanCache(gateway, metrics);
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => readiness.retain(coreSupergraphSdl));
  // Registered before the first load, so the policy knows every supergraph the gateway serves.
  if (policy) gateway.onSchemaLoadOrUpdate((supergraph) => policy.update(supergraph));
  const deskPlanner = registry && options.desk ? createDeskPlanner(registry) : undefined;
  if (deskPlanner) gateway.onSchemaLoadOrUpdate((supergraph) => deskPlanner.update(supergraph));
  const costLimit = createCostLimit({ metrics });
  gateway.onSchemaLoadOrUpdate((supergraph) => costLimit.update(supergraph));
  // The data catalog (docs/catalog.md) follows the supergraph the gateway serves, reloads included.
  const catalog = createCatalogService({
    ...(registry ? { registry } : {}),
    // Identified and charged like one GraphQL request, as `/schema.graphql` is.
    identify: async (req) =>
      (
        await rateLimitedContext(req, undefined, () =>
          requestContext(req, randomUUID(), logger, registry, limits),
        )
      ).caller,
    cache: {
      defaultTtlSeconds:
        options.cache?.defaultTtlSeconds ?? DEFAULT_CATALOG_CACHE.defaultTtlSeconds,
      personalMaxTtlSeconds:
        options.cache?.personalMaxTtlSeconds ?? DEFAULT_CATALOG_CACHE.personalMaxTtlSeconds,
    },
  });
  gateway.onSchemaLoadOrUpdate((supergraph) => catalog.update(supergraph));
  // The API schema being served, for `GET /schema.graphql` (after the policy has seen it).
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((supergraph) => {
    apiSchema = supergraph.apiSchema;
  });
  const graphiqlMetadata = createGraphiQLMetadata();
  gateway.onSchemaLoadOrUpdate((supergraph) => graphiqlMetadata.update(supergraph));
  const server = new ApolloServer<GatewayContext>({
    gateway: leanGateway(gateway, { executor: options.executor ?? 'lean', metrics, logger }),
    logger,
    formatError: formatPublicError,
    // A response-cache hit's data is written as stored (cache/storedAnswer.ts).
    stringifyResult,
    includeStacktraceInErrorResponses: false,
    // The process edge (main.ts, `npm start`) owns SIGINT/SIGTERM; Apollo's own handler would
    // race it and hang the shutdown.
    stopOnTerminationSignals: false,
    // GraphiQL needs introspection; the access policy (a later plugin) decides what it shows.
    introspection: true,
    // Automatic persisted queries as before, preloaded with the desk's trusted documents.
    persistedQueries: { cache: trustedDocumentCache(trustedDeskDocuments()) },
    plugins: requestPipeline({
      limitChecks,
      policy,
      costLimit,
      rateLimiter,
      cache,
      audit: audit ? { log: audit, logger } : undefined,
      observer,
      graphiqlMetadata,
    }).map(({ plugin }) => plugin),
  });
  // Charged once the caller is known, before any operation is parsed: a refusal runs nothing.
  // A request refused while identifying its caller is charged to its address.
  const rateLimitedContext = async (
    req: IncomingMessage,
    body: unknown,
    build: () => Promise<GatewayContext>,
  ): Promise<GatewayContext> => {
    if (!rateLimiter) return build();
    let context: GatewayContext;
    try {
      context = await build();
    } catch (error) {
      await rateLimiter.chargeUnidentified(req, limits, operationCount(body));
      throw error;
    }
    await rateLimiter.chargeRequests(req, context, operationCount(body));
    return context;
  };
  let ready = false;
  return {
    server,
    gateway,
    ...(cache ? { cache } : {}),
    metrics,
    async listen(port, host) {
      const graphql = createGraphQLHandler(server, {
        assignRequestIds: true,
        // Browser apps on registered origins (docs/access.md#browser-apps-cors); none without the access layer.
        ...(registry ? { cors: gatewayCorsPolicy(registry) } : {}),
        context: (req, requestId, body) =>
          rateLimitedContext(req, body, () =>
            requestContext(req, requestId, logger, registry, limits),
          ),
        // Tokens, depth, aliases and directives, before Apollo parses or validates the document.
        screen: (request, context) => limitChecks.screen(request, context),
        // Measured on the serialized answer, after the audit plugin recorded the read.
        maxResponseBytes: (context) => context.limits.maxResponseBytes,
        // A response-cache hit's stored bytes (cache/storedAnswer.ts).
        encodedBody,
        onResponseTooLarge: (context, bytes, max) =>
          limitChecks.responseRefused(context, bytes, max),
        routes: {
          ...healthRoutes(() => ready, readiness),
          ...graphiqlRoutes({
            defaultQuery: options.graphiqlDefaultQuery,
            nationalId: options.graphiqlExampleNationalId,
            purposes: () => registry?.purposes() ?? [],
          }),
          ...(registry && options.desk && deskPlanner
            ? deskRoutes({
                registry,
                sessions: options.desk.sessions,
                planner: deskPlanner,
                logger: logger.child({ component: 'desk' }),
              })
            : {}),
          ...metricsRoute(metrics.registry),
          ...catalog.routes(),
          ...clientSchemaRoutes({
            registry,
            policy,
            apiSchema: () => apiSchema,
            // Identified and charged like one GraphQL request: the same budget, the same refusals.
            identify: (req, requestId) =>
              rateLimitedContext(req, undefined, () =>
                requestContext(req, requestId, logger, registry, limits),
              ),
          }),
        },
      });
      const serve = (req: IncomingMessage, res: ServerResponse) => {
        const { id: correlationId } = correlationIdOf(req);
        if (correlationId) res.setHeader(CORRELATION_HEADER, correlationId);
        if (isGraphQLPath(req.url)) observer.begin(req, res, activeTraceId());
        if (ready || !isGraphQLPath(req.url)) graphql(req, res);
        else notReady(res);
      };
      // One server span per GraphQL request (tracing on), continuing the caller's `traceparent`.
      const handler = (req: IncomingMessage, res: ServerResponse) =>
        isGraphQLPath(req.url)
          ? traceRequest(req, res, {}, () => serve(req, res))
          : serve(req, res);
      const listening = await listen(handler, port, host);
      try {
        await rateLimiter?.start();
        await server.start();
      } catch (error) {
        await listening.close();
        await rateLimiter?.close();
        throw error;
      }
      ready = true;
      return {
        ...listening,
        close: async () => {
          ready = false;
          await listening.close();
          await server.stop();
          await rateLimiter?.close();
        },
      };
    },
  };
}

function isGraphQLPath(url = '/'): boolean {
  return url === '/graphql' || url.startsWith('/graphql?');
}

function notReady(res: ServerResponse): void {
  const requestId = randomUUID();
  res.setHeader('x-request-id', requestId);
  res.setHeader('cache-control', PRIVATE_NO_STORE);
  res.setHeader('retry-after', '5');
  sendError(
    res,
    GATEWAY_NOT_READY,
    'The gateway is starting and has not loaded its supergraph yet. Retry in a few seconds.',
    { requestId },
  );
}
