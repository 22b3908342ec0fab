import type { IncomingMessage } from 'node:http';
import type { Logger } from '@govgraph/server';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { GatewayContext, RateLimitName } from '../context.js';
import type { RequestLimits } from '../limits/requestLimits.js';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';
import { limiterPool, sharedRedis } from './limiterPool.js';
import { type RateKey, rateKeyOf, trustedProxySet } from './rateKey.js';
import { rateLimited } from './rateLimitedError.js';

/** `createGatewayServer({ rateLimit })`: where budgets are counted (docs/limits.md#rate-limits). */
export interface RateLimitOptions {
  /** Off: no rate limit at all (tests of other layers, the benchmark). @default true */
  enabled?: boolean;
  /** Shared Redis, so every gateway instance draws on one budget; unset: this process alone. */
  redisUrl?: string;
  /** Start of every Redis key (tests isolate themselves with their own). @default 'govgraph:rate' */
  keyPrefix?: string;
  /** Socket addresses whose `X-Forwarded-For` names the client. @default none: the header is ignored */
  trustedProxies?: readonly string[];
  /** Longest a Redis command may take before this instance decides alone. @default 250 */
  redisTimeoutMs?: number;
  /**
   * Seconds a budget is counted over: `rate × window` per window. 1 holds callers to their rate
   * in every second; a longer window allows bursts up to the window's total. @default 1
   */
  windowSeconds?: number;
}

/** Charges callers' budgets; a refusal throws RATE_LIMITED (HTTP 429 with `Retry-After`). */
export interface RateLimiter {
  /** At the HTTP edge, once the caller is known and before anything is parsed: one per operation. */
  chargeRequests(req: IncomingMessage, context: GatewayContext, operations: number): Promise<void>;
  /**
   * A request refused before its caller was known (a bad credential or header): charged to the
   * client address like an anonymous request, so guessing keys is limited too. Over the
   * budget, RATE_LIMITED replaces the refusal.
   */
  chargeUnidentified(
    req: IncomingMessage,
    limits: RequestLimits,
    operations: number,
  ): Promise<void>;
  /** Once the operation's cost is estimated (`context.cost`); nothing when it is not. */
  chargeCost(context: GatewayContext): Promise<void>;
  /** Connects to Redis (with the server starting); charges before then are decided in process. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The rate limiter of one gateway: `rate-limiter-flexible` on Redis with an in-process insurance
 * limiter (each instance then limits alone, at the full rate), or in process only without
 * Redis. One limiter per (budget, limit), so a caller whose limit was raised is counted against
 * its new limit, not held to the old one's count.
 */
export function createRateLimiter(
  options: RateLimitOptions,
  logger: Logger,
  metrics: GatewayMetrics,
): RateLimiter {
  const prefix = options.keyPrefix ?? 'govgraph:rate';
  const windowSeconds = options.windowSeconds ?? 1;
  const trusted = trustedProxySet(options.trustedProxies);
  const redis = options.redisUrl
    ? sharedRedis(options.redisUrl, options.redisTimeoutMs ?? 250, logger, metrics)
    : undefined;
  const limiterFor = limiterPool({ prefix, windowSeconds, redis, metrics });

  const charge = async (
    name: RateLimitName,
    max: number,
    who: RateKey,
    points: number,
  ): Promise<void> => {
    if (!Number.isFinite(max) || points <= 0) return;
    try {
      await limiterFor(name, max).consume(who.key, points);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) {
        // The insurance limiter answers for Redis; an error past it is a bug, not a refusal.
        logger.error(
          { err: outcome, limit: name },
          'rate limiter failed; the request was let through',
        );
        return;
      }
      metrics.rateLimitRefusals.inc({ limit: name, caller: who.kind });
      throw rateLimited(name, max, who, outcome.msBeforeNext);
    }
  };

  return {
    async chargeRequests(req, context, operations) {
      const who = rateKeyOf(context.caller, req, trusted);
      // On the context itself: Apollo hands plugins a shallow copy of it.
      context.rateKey = who;
      await charge('requestsPerSecond', context.limits.requestsPerSecond, who, operations);
    },
    async chargeUnidentified(req, limits, operations) {
      const who = rateKeyOf({ kind: 'anonymous' }, req, trusted);
      await charge('requestsPerSecond', limits.requestsPerSecond, who, operations);
    },
    async chargeCost(context) {
      const who = context.rateKey;
      const estimated = context.cost?.estimated;
      // A denied operation runs nothing, so it spends nothing.
      if (!who || estimated === undefined || (context.access?.denied.length ?? 0) > 0) return;
      const max = context.limits.costPerSecond;
      // One operation over the whole budget spends all of it (and waits for a fresh window);
      // refusing a single operation for its size is the per-operation limit's job (maxCost).
      const points = Math.min(Math.ceil(estimated), max * windowSeconds);
      try {
        await charge('costPerSecond', max, who, points);
      } catch (error) {
        context.rateLimited = 'costPerSecond';
        throw error;
      }
    },
    async start() {
      await redis?.connect().catch(() => {
        // Logged by the client's events; charges are decided in process until it answers.
      });
    },
    async close() {
      redis?.disconnect();
    },
  };
}
