import { resilientRedisOptions } from '@govgraph/cache';
import { createRedisClient, type Logger, type RedisClient } from '@govgraph/server';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterRes,
} from 'rate-limiter-flexible';
import type { RateLimitName } from '../context.js';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';

export interface LimiterPoolOptions {
  prefix: string;
  windowSeconds: number;
  /** Shared store; unset: in process only. */
  redis: RedisClient | undefined;
  metrics: GatewayMetrics;
}

/**
 * The limiter of each (budget, limit) pair, made on first use: its key prefix names both, so a
 * caller whose limit changed is counted against a budget of the new size from its next request.
 */
export function limiterPool(
  options: LimiterPoolOptions,
): (name: RateLimitName, max: number) => RateLimiterAbstract {
  const { prefix, windowSeconds, redis, metrics } = options;
  const limiters = new Map<string, RateLimiterAbstract>();
  return (name, max) => {
    const id = `${name}:${max}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const settings = {
        points: max * windowSeconds,
        duration: windowSeconds,
        keyPrefix: `${prefix}:${id}`,
      };
      limiter = redis
        ? new RateLimiterRedis({
            ...settings,
            storeClient: redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new InsuranceLimiter(settings, () =>
              metrics.rateLimitFallbacks.inc({ limit: name }),
            ),
          })
        : new RateLimiterMemory(settings);
      limiters.set(id, limiter);
    }
    return limiter;
  };
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

/** A client of its own, failing fast while Redis is away (no queue, short timeouts, reconnects). */
export function sharedRedis(
  url: string,
  timeoutMs: number,
  logger: Logger,
  metrics: GatewayMetrics,
): RedisClient {
  const redis = createRedisClient(url, {
    ...resilientRedisOptions(timeoutMs),
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
