import type { RouteHandler } from '@govgraph/server';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

type CacheLabels = 'cache' | 'department' | 'type';

/**
 * The gateway's Prometheus metrics, in a registry of its own (tests run several gateways in
 * one process). `cache` is `entity` (an `_entities` representation), `root` (a root-field
 * fetch) or `response` (a whole result); `department`/`type` say whose data it was.
 */
export interface GatewayMetrics {
  registry: Registry;
  cacheHits: Counter<CacheLabels>;
  cacheMisses: Counter<CacheLabels>;
  /** Entries dropped because a department reported a committed write of the entity. */
  cacheEvictions: Counter<'department' | 'type'>;
  /** Cache operations that failed (Redis away or too slow); the request went on uncached. */
  cacheErrors: Counter<'operation'>;
  /** 1 while the cache backend answers, 0 while requests are served uncached. */
  cacheAvailable: Gauge<'backend'>;
  /** Requests refused by a rate limit, by limit (`requestsPerSecond`, `costPerSecond`) and caller kind. */
  rateLimitRefusals: Counter<'limit' | 'caller'>;
  /** Charges decided by this instance alone because Redis did not answer (the insurance limiter). */
  rateLimitFallbacks: Counter<'limit'>;
  /** 1 while the rate limits are shared through Redis, 0 while this instance limits alone. */
  rateLimitShared: Gauge;
  /** Each department's circuit: 0 closed, 1 open, 2 half-open (one probe call in flight). */
  departmentCircuitState: Gauge<'department'>;
  /**
   * Department calls not made or not read: `CIRCUIT_OPEN`, `TOO_BUSY` (in-flight limit and
   * queue full), `TOO_LARGE` (answer over the size cap, dropped).
   */
  departmentRejections: Counter<'department' | 'reason'>;
  /**
   * Operation cost (docs/limits.md): `measure` is `estimated` (before running, refused
   * operations included) or `actual` (measured on the answer); `operation` is query or mutation.
   */
  operationCost: Histogram<'measure' | 'operation'>;
  /** Operations refused over their cost limit, by operation type. */
  costRefusals: Counter<'operation'>;
  /**
   * GraphQL requests answered (docs/operations.md#metrics). Every label is bounded: `operation`
   * is a known operation name or `other`, `agency` a registry agency id or the caller kind,
   * `purpose` a registered purpose code, `none` or `other`; `outcome` is ok, partial, error or refused.
   */
  requests: Counter<'operation' | 'agency' | 'purpose' | 'outcome'>;
  /** End-to-end time of a GraphQL request, from its first byte to the last byte of the answer. */
  requestDuration: Histogram<'operation' | 'outcome'>;
  /** One department fetch (cache hits excluded): outcome ok, error or unavailable. */
  departmentFetchDuration: Histogram<'department' | 'outcome'>;
  /** Errors in answers, by registered code (anything else counted as `UNREGISTERED`). */
  errors: Counter<'code'>;
  /** Operations the access policy denied, by the highest classification level they asked for. */
  policyDenials: Counter<'level'>;
  /** Time from the gateway's audit append to its commit (or refusal): outcome ok or failed. */
  auditAppendDuration: Histogram<'outcome'>;
  /** Entries written per audit transaction (group commit), when the hub's audit log reports them. */
  auditBatchSize: Histogram;
  /** Records the audit subject index trails the chain head by, as of the last batch or sweep. */
  auditIndexTrailing: Gauge;
  /** Apollo's query-plan cache: lookups that found a plan (`hit`) or planned anew (`miss`). */
  queryPlanCache: Counter<'result'>;
  /** Plans held in Apollo's query-plan cache. */
  queryPlanCacheSize: Gauge;
  /** Operations executed, by executor (`lean`, or `apollo` with the reason the lean one declined). */
  executions: Counter<'executor' | 'reason'>;
  /** 1 when the department answered `/ready`'s last probe of its `/health`, else 0. */
  departmentUp: Gauge<'department'>;
}

/** Latency buckets in seconds: from a cached answer to a department timeout. */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500];

/** Cost histogram buckets: from a single object to far over any limit. */
const COST_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 15_000, 50_000, 100_000];

/** A fresh registry with the process's default metrics and the cache counters. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['cache', 'department', 'type'] as const;
  return {
    registry,
    cacheHits: new Counter({
      name: 'govgraph_cache_hits_total',
      help: 'Cache lookups answered from the cache, by cache, department and type.',
      labelNames,
      registers: [registry],
    }),
    cacheMisses: new Counter({
      name: 'govgraph_cache_misses_total',
      help: 'Cache lookups that went to the department, by cache, department and type.',
      labelNames,
      registers: [registry],
    }),
    cacheEvictions: new Counter({
      name: 'govgraph_cache_evictions_total',
      help: 'Entities evicted after a committed write, by department and type.',
      labelNames: ['department', 'type'],
      registers: [registry],
    }),
    cacheErrors: new Counter({
      name: 'govgraph_cache_errors_total',
      help: 'Cache operations that failed; the request was served uncached.',
      labelNames: ['operation'],
      registers: [registry],
    }),
    cacheAvailable: new Gauge({
      name: 'govgraph_cache_available',
      help: '1 while the cache backend answers, 0 while requests are served uncached.',
      labelNames: ['backend'],
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: 'govgraph_rate_limit_refusals_total',
      help: 'Requests refused with RATE_LIMITED (HTTP 429), by limit and caller kind.',
      labelNames: ['limit', 'caller'],
      registers: [registry],
    }),
    rateLimitFallbacks: new Counter({
      name: 'govgraph_rate_limit_fallbacks_total',
      help: 'Rate-limit charges decided in this process alone because Redis did not answer.',
      labelNames: ['limit'],
      registers: [registry],
    }),
    rateLimitShared: new Gauge({
      name: 'govgraph_rate_limit_shared',
      help: '1 while rate limits are shared through Redis, 0 while this instance limits alone.',
      registers: [registry],
    }),
    departmentCircuitState: new Gauge({
      name: 'govgraph_department_circuit_state',
      help: "A department's circuit breaker: 0 closed, 1 open, 2 half-open.",
      labelNames: ['department'],
      registers: [registry],
    }),
    departmentRejections: new Counter({
      name: 'govgraph_department_rejections_total',
      help: 'Department calls refused (CIRCUIT_OPEN, TOO_BUSY) or answers dropped (TOO_LARGE).',
      labelNames: ['department', 'reason'],
      registers: [registry],
    }),
    operationCost: new Histogram({
      name: 'govgraph_operation_cost',
      help: 'Operation cost by measure (estimated before running, actual on the answer) and operation type.',
      labelNames: ['measure', 'operation'],
      buckets: COST_BUCKETS,
      registers: [registry],
    }),
    costRefusals: new Counter({
      name: 'govgraph_cost_refusals_total',
      help: 'Operations refused because their estimated cost was over the limit, by operation type.',
      labelNames: ['operation'],
      registers: [registry],
    }),
    ...requestMetrics(registry),
  };
}

type RequestMetrics = Pick<
  GatewayMetrics,
  | 'requests'
  | 'requestDuration'
  | 'departmentFetchDuration'
  | 'errors'
  | 'policyDenials'
  | 'auditAppendDuration'
  | 'auditBatchSize'
  | 'auditIndexTrailing'
  | 'queryPlanCache'
  | 'queryPlanCacheSize'
  | 'executions'
  | 'departmentUp'
>;

function requestMetrics(registry: Registry): RequestMetrics {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'govgraph_requests_total',
      help: 'GraphQL requests by operation name (known names, else other), agency, purpose and outcome.',
      labelNames: ['operation', 'agency', 'purpose', 'outcome'],
      registers,
    }),
    requestDuration: new Histogram({
      name: 'govgraph_request_duration_seconds',
      help: 'End-to-end GraphQL request time in seconds, by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    departmentFetchDuration: new Histogram({
      name: 'govgraph_department_fetch_duration_seconds',
      help: 'One fetch from a department in seconds (cache hits excluded), by department and outcome.',
      labelNames: ['department', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'govgraph_errors_total',
      help: 'Errors in GraphQL answers, by registered code.',
      labelNames: ['code'],
      registers,
    }),
    policyDenials: new Counter({
      name: 'govgraph_policy_denials_total',
      help: 'Operations denied by the access policy, by the highest classification level asked for.',
      labelNames: ['level'],
      registers,
    }),
    auditAppendDuration: new Histogram({
      name: 'govgraph_audit_append_duration_seconds',
      help: 'Time from an audit append to its commit or refusal in seconds, by outcome.',
      labelNames: ['outcome'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    auditBatchSize: new Histogram({
      name: 'govgraph_audit_batch_size',
      help: 'Audit entries written per transaction (group commit).',
      buckets: BATCH_BUCKETS,
      registers,
    }),
    auditIndexTrailing: new Gauge({
      name: 'govgraph_audit_index_trailing_records',
      help: 'Audit records the subject index trails the chain head by, as of the last batch or sweep (SQLite file and PostgreSQL stores index in sweeps; 0 in memory).',
      registers,
    }),
    queryPlanCache: new Counter({
      name: 'govgraph_query_plan_cache_total',
      help: "Lookups in Apollo's query-plan cache, by result (hit or miss).",
      labelNames: ['result'],
      registers,
    }),
    queryPlanCacheSize: new Gauge({
      name: 'govgraph_query_plan_cache_size',
      help: "Query plans held in Apollo's query-plan cache.",
      registers,
    }),
    executions: new Counter({
      name: 'govgraph_executions_total',
      help: "Operations executed, by executor: lean, or apollo with the reason the lean one left it to Apollo's.",
      labelNames: ['executor', 'reason'],
      registers,
    }),
    departmentUp: new Gauge({
      name: 'govgraph_department_up',
      help: '1 when the department answered the readiness probe of its /health, else 0.',
      labelNames: ['department'],
      registers,
    }),
  };
}

/** `GET /metrics` in the Prometheus text format. */
export function metricsRoute(registry: Registry): Record<string, RouteHandler> {
  return {
    '/metrics': async (_req, res) => {
      const body = await registry.metrics();
      res.statusCode = 200;
      res.setHeader('content-type', registry.contentType);
      res.end(body);
    },
  };
}
