import { cacheKeyPrefixVar } from '@govgraph/cache';
import { booleanVar, redisUrlVar } from '@govgraph/server';
import { z } from 'zod';
import { type EncryptionKey, parseEncryptionKeys } from './valueCipher.js';

/** The caches' settings, read from the environment at the edge (see docs/caching.md). */
export interface CacheConfig {
  /** `CACHE_ENABLED`: false turns every cache off. */
  enabled: boolean;
  /** `REDIS_URL`: shared by every gateway instance; unset means an in-process LRU (one instance). */
  redisUrl?: string;
  /** `CACHE_DEFAULT_TTL_SECONDS`: for data whose type and field carry no cache hint. */
  defaultTtlSeconds: number;
  /** `CACHE_PERSONAL_MAX_TTL_SECONDS`: ceiling for PERSONAL, SENSITIVE and CONFIDENTIAL data. */
  personalMaxTtlSeconds: number;
  /**
   * `CACHE_ENCRYPTION_KEYS` (`kid:base64,…`): the first encrypts, all decrypt. Unset: a random
   * key per process, so several instances sharing Redis need the setting.
   */
  encryptionKeys?: EncryptionKey[];
  /** `CACHE_KEY_PREFIX`: every Redis key and the invalidation channel start with it. */
  keyPrefix: string;
}

const seconds = (what: string, fallback: number) =>
  z.coerce
    .number({ error: `must be a number of seconds (${what})` })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 or more seconds')
    .max(86_400 * 30, 'must be at most 2592000 (30 days)')
    .default(fallback);

/** The environment variables of the caches, for `parseEnv`. */
export const cacheEnv = {
  REDIS_URL: redisUrlVar,
  CACHE_ENABLED: booleanVar(true),
  CACHE_DEFAULT_TTL_SECONDS: seconds('default time to live', 60),
  CACHE_PERSONAL_MAX_TTL_SECONDS: seconds('ceiling for personal data', 30),
  CACHE_ENCRYPTION_KEYS: z
    .string()
    .transform((value, ctx) => {
      try {
        return parseEncryptionKeys(value);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be kid:base64-of-32-bytes pairs separated by commas, e.g. k1:<openssl rand -base64 32>',
        });
        return z.NEVER;
      }
    })
    .optional(),
  CACHE_KEY_PREFIX: cacheKeyPrefixVar,
};

type CacheEnv = z.infer<z.ZodObject<typeof cacheEnv>>;

/** Turns the parsed variables into the caches' settings. */
export function toCacheConfig(raw: CacheEnv): CacheConfig {
  return {
    enabled: raw.CACHE_ENABLED,
    ...(raw.REDIS_URL ? { redisUrl: raw.REDIS_URL } : {}),
    defaultTtlSeconds: raw.CACHE_DEFAULT_TTL_SECONDS,
    personalMaxTtlSeconds: raw.CACHE_PERSONAL_MAX_TTL_SECONDS,
    ...(raw.CACHE_ENCRYPTION_KEYS ? { encryptionKeys: raw.CACHE_ENCRYPTION_KEYS } : {}),
    keyPrefix: raw.CACHE_KEY_PREFIX,
  };
}
