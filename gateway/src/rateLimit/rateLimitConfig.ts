import { isIP } from 'node:net';
import { booleanVar } from '@govgraph/server';
import { z } from 'zod';
import type { RateLimitOptions } from './rateLimiter.js';

/** The environment variables of the rate limits, for `parseEnv` (REDIS_URL and CACHE_KEY_PREFIX are the caches'). */
export const rateLimitEnv = {
  RATE_LIMIT_ENABLED: booleanVar(true),
  RATE_LIMIT_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .refine((addresses) => addresses.every((address) => isIP(address) !== 0), {
      message: 'must be IP addresses separated by commas, e.g. 10.0.0.5,10.0.0.6',
    }),
};

interface RateLimitEnv {
  RATE_LIMIT_ENABLED: boolean;
  RATE_LIMIT_TRUSTED_PROXIES: string[];
  REDIS_URL?: string | undefined;
  CACHE_KEY_PREFIX: string;
}

/** Turns the parsed variables into the rate limiter's settings: shared through REDIS_URL when set. */
export function toRateLimitOptions(raw: RateLimitEnv): RateLimitOptions {
  return {
    enabled: raw.RATE_LIMIT_ENABLED,
    ...(raw.REDIS_URL ? { redisUrl: raw.REDIS_URL } : {}),
    keyPrefix: `${raw.CACHE_KEY_PREFIX}:rate`,
    trustedProxies: raw.RATE_LIMIT_TRUSTED_PROXIES,
  };
}
