import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { RATE_LIMITED } from '@govgraph/schema';
import { type Logger, resilientRedisOptions } from '@govgraph/schema/runtime';
import type { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { GatewayContext, RateLimitName } from '../context.js';
import type { RequestLimits } from '../limits/requestLimits.js';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';
import { type RateKey, rateKeyOf, trustedProxySet } from './rateKey.js';

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

/** An in-process limiter that counts its uses: as a store's insurance, each use is a fallback. */
class InsuranceLimiter extends RateLimiterMemory {
  readonly #onUse: () => void;

  constructor(options: IRateLimiterOptions, onUse: () => void) {
    super(options);
    this.#onUse = onUse;
  }

  override consume(
    key: string | number,
    points?: number,
    options?: { [key: string]: unknown },
  ): Promise<RateLimiterRes> {
    this.#onUse();
    return super.consume(key, points, options);
  }
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
  const redis = options.redisUrl ? sharedRedis(options, logger, metrics) : undefined;
  const limiters = new Map<string, RateLimiterAbstract>();

  const limiterFor = (name: RateLimitName, max: number): RateLimiterAbstract => {
    const id = `${name}:${max}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const settings = { points: max * windowSeconds, duration: windowSeconds };
      const keyPrefix = `${prefix}:${id}`;
      limiter = redis
        ? new RateLimiterRedis({
            ...settings,
            keyPrefix,
            storeClient: redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new InsuranceLimiter({ ...settings, keyPrefix }, () =>
              metrics.rateLimitFallbacks.inc({ limit: name }),
            ),
          })
        : new RateLimiterMemory({ ...settings, keyPrefix });
      limiters.set(id, limiter);
    }
    return limiter;
  };

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

/** A client of its own, failing fast while Redis is away (no queue, short timeouts, reconnects). */
function sharedRedis(options: RateLimitOptions, logger: Logger, metrics: GatewayMetrics): Redis {
  const redis = new Redis(options.redisUrl ?? '', {
    ...resilientRedisOptions(options.redisTimeoutMs ?? 250),
    lazyConnect: true,
  });
  let shared: boolean | undefined;
  const set = (now: boolean, err?: unknown) => {
    if (shared === now) return;
    const before = shared;
    shared = now;
    metrics.rateLimitShared.set(now ? 1 : 0);
    if (!now) {
      logger.warn(
        { err, backend: 'redis' },
        'rate limits not shared: Redis does not answer; each gateway instance limits alone until it is back',
      );
    } else if (before === false) {
      logger.info({ backend: 'redis' }, 'rate limits shared again: Redis answers');
    }
  };
  metrics.rateLimitShared.set(0);
  redis.on('ready', () => set(true));
  redis.on('error', (err: unknown) => set(false, err));
  redis.on('close', () => set(false));
  return redis;
}

function rateLimited(
  name: RateLimitName,
  max: number,
  who: RateKey,
  msBeforeNext: number,
): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return RATE_LIMITED.err(refusalMessage(name, max, who, retryAfterSeconds), {
    extensions: {
      retryAfterSeconds,
      limit: { name, max },
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

function refusalMessage(
  name: RateLimitName,
  max: number,
  who: RateKey,
  retryAfterSeconds: number,
): string {
  const spent =
    name === 'requestsPerSecond'
      ? `${max} operations per second`
      : `an estimated cost of ${max} per second`;
  const retry = `Retry in ${retryAfterSeconds} s (Retry-After).`;
  switch (who.kind) {
    case 'agency':
      return `This agency has used its budget of ${spent}, shared by every gateway instance; nothing was run. ${retry} If the agency needs more, its platform operator raises the agency's ${name} in the hub registry.`;
    case 'citizen':
      return `You have used your budget of ${spent}; nothing was run. ${retry}`;
    default:
      return `This client address has used the anonymous budget of ${spent}; nothing was run. ${retry} Agencies that need more call with their own credential and budget.`;
  }
}
