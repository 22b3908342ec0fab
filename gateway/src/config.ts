import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_BATCHED_OPERATIONS } from '@govgraph/department';
import {
  booleanVar,
  callerTokenPrivateKeyVar,
  type JWK,
  logLevelVar,
  parseEnv,
  portVar,
} from '@govgraph/server';
import { z } from 'zod';
import { type CacheConfig, cacheEnv, toCacheConfig } from './cache/cacheConfig.js';
import { workersVar } from './cluster/workersVar.js';
import {
  type DepartmentGuardConfig,
  departmentGuardEnv,
  toDepartmentGuardConfig,
} from './dataSource/departmentGuardConfig.js';
import type { ExecutorChoice } from './executor/leanGateway.js';
import { limitsEnv, toRequestLimits } from './limits/limitsConfig.js';
import type { RequestLimits } from './limits/requestLimits.js';
import { rateLimitEnv, toRateLimitOptions } from './rateLimit/rateLimitConfig.js';
import type { RateLimitOptions } from './rateLimit/rateLimiter.js';

/** The composed supergraph shipped with the package (`npm run compose` writes it). */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../supergraph.graphql', import.meta.url),
);

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  subgraphTimeoutMs: number;
  /** `SUBGRAPH_BATCH_OPERATIONS`: the most queries of one request batched to a department (1: none). */
  subgraphBatchOperations: number;
  /**
   * `SUBGRAPH_PERSISTED_QUERIES`: send a query a department holds by its hash instead of its
   * text (docs/architecture.md#persisted-department-queries). On by default.
   */
  subgraphPersistedQueries: boolean;
  logLevel: string;
  /** REDIS_URL and the CACHE_* variables. */
  cache: CacheConfig;
  /** `RATE_LIMIT_ENABLED`, `RATE_LIMIT_TRUSTED_PROXIES`, shared through `REDIS_URL` (docs/limits.md). */
  rateLimit: RateLimitOptions;
  /** `GATEWAY_WORKERS`: processes sharing the port (main.ts forks them); 1 serves without workers. */
  workers: number;
  /**
   * `CALLER_TOKEN_PRIVATE_KEY`: the Ed25519 private JWK (JSON) the caller token is signed
   * with; departments trust its public half. Unset: no token is sent and departments refuse.
   */
  callerTokenPrivateKey: JWK | undefined;
  /** The DEPARTMENT_* variables: concurrency limit, circuit breaker and answer size cap per department. */
  departmentGuard: DepartmentGuardConfig;
  /** `LIMIT_MAX_DEPTH`, `LIMIT_MAX_ALIASES`, …: every caller's limits unless its agency's are raised. */
  limits: RequestLimits;
  /** `GATEWAY_EXECUTOR`: `lean` (govgraph's executor) or `apollo` (Apollo's, the way back). */
  executor: ExecutorChoice;
}

/** Reads the gateway's configuration from the environment; a bad value throws a `ConfigError` naming it. */
export function gatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  const raw = parseEnv(
    {
      GATEWAY_PORT: portVar(4000),
      GATEWAY_HOST: z.string().min(1, 'must be a host name or address').default('0.0.0.0'),
      SUPERGRAPH_PATH: z
        .string()
        .min(1, 'must be the path of a composed supergraph file')
        .default(DEFAULT_SUPERGRAPH_PATH),
      SUBGRAPH_TIMEOUT_MS: z.coerce
        .number({ error: 'must be a number of milliseconds' })
        .int('must be a whole number of milliseconds')
        .min(1, 'must be at least 1 millisecond')
        .max(600_000, 'must be at most 600000 (10 minutes)')
        .default(5000),
      SUBGRAPH_BATCH_OPERATIONS: z.coerce
        .number({ error: 'must be a number of operations' })
        .int('must be a whole number of operations')
        .min(1, 'must be at least 1 (1 sends every fetch alone)')
        .max(
          MAX_BATCHED_OPERATIONS,
          `must be at most ${MAX_BATCHED_OPERATIONS}, what a department takes`,
        )
        .default(MAX_BATCHED_OPERATIONS),
      SUBGRAPH_PERSISTED_QUERIES: booleanVar(true),
      LOG_LEVEL: logLevelVar,
      GATEWAY_WORKERS: workersVar,
      GATEWAY_EXECUTOR: z
        .enum(['lean', 'apollo'], { error: 'must be lean or apollo' })
        .default('lean'),
      ...cacheEnv,
      ...rateLimitEnv,
      ...departmentGuardEnv,
      ...limitsEnv,
    },
    env,
  );
  return {
    port: raw.GATEWAY_PORT,
    host: raw.GATEWAY_HOST,
    // A relative path is read from the working directory, as a shell user expects.
    supergraphPath: resolve(raw.SUPERGRAPH_PATH),
    subgraphTimeoutMs: raw.SUBGRAPH_TIMEOUT_MS,
    subgraphBatchOperations: raw.SUBGRAPH_BATCH_OPERATIONS,
    subgraphPersistedQueries: raw.SUBGRAPH_PERSISTED_QUERIES,
    logLevel: raw.LOG_LEVEL,
    cache: toCacheConfig(raw),
    rateLimit: toRateLimitOptions(raw),
    workers: raw.GATEWAY_WORKERS,
    callerTokenPrivateKey: callerTokenPrivateKeyVar(env),
    departmentGuard: toDepartmentGuardConfig(raw),
    limits: toRequestLimits(raw),
    executor: raw.GATEWAY_EXECUTOR,
  };
}
