import type { RouteHandler } from '@govgraph/schema/runtime';
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
}

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
