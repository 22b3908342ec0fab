import {
  cacheKeys,
  evictInRedis,
  type InvalidationMessage,
  type Logger,
  resilientRedisOptions,
  runScript,
} from '@govgraph/schema/runtime';
import { Redis } from 'ioredis';
import type { GatewayMetrics } from '../../metrics/gatewayMetrics.js';
import type { CacheStore } from './CacheStore.js';

export interface RedisStoreOptions {
  url: string;
  prefix: string;
  logger: Logger;
  metrics?: GatewayMetrics;
  /** Longest one cache command may take before the request goes on uncached. @default 250 */
  timeoutMs?: number;
}

// KEYS: department version keys; ARGV: their expected values, the time (ms), then per entry
// key, value, ttl ms, tag count, tag keys. Stores nothing if any department wrote since. A
// tag is a sorted set of entry keys scored by expiry; expired members are pruned as it grows.
const STORE_SCRIPT = `
for i = 1, #KEYS do
  if (redis.call('GET', KEYS[i]) or '0') ~= ARGV[i] then return 0 end
end
local now = tonumber(ARGV[#KEYS + 1])
local a = #KEYS + 2
while a <= #ARGV do
  local key, ttl, n = ARGV[a], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  redis.call('SET', key, ARGV[a + 1], 'PX', ttl)
  for t = 1, n do
    local tag = ARGV[a + 3 + t]
    redis.call('ZADD', tag, now + ttl, key)
    redis.call('ZREMRANGEBYSCORE', tag, '-inf', now)
    if redis.call('PTTL', tag) < ttl then redis.call('PEXPIRE', tag, ttl) end
  end
  a = a + 4 + n
end
return 1`;

/**
 * The shared store. Every command has a short timeout and nothing queues while Redis is away
 * (`enableOfflineQueue: false`), so an outage costs a request at most one timeout and then
 * nothing; the client reconnects by itself and caching resumes. The outage and the recovery
 * are each logged once and shown by `govgraph_cache_available{backend="redis"}`.
 */
export function createRedisStore(options: RedisStoreOptions): CacheStore {
  const { prefix, logger, metrics } = options;
  const resilient = resilientRedisOptions(options.timeoutMs ?? 250);
  // Nothing connects until `start` (the server starting): a gateway built but never started
  // holds no connection.
  const redis = new Redis(options.url, { ...resilient, lazyConnect: true });
  // The subscriber queues its SUBSCRIBE until connected and re-subscribes after a reconnect.
  const subscriber = new Redis(options.url, {
    ...resilient,
    enableOfflineQueue: true,
    commandTimeout: undefined,
    lazyConnect: true,
  });
  const listeners: ((message: InvalidationMessage) => void)[] = [];
  let available: boolean | undefined;
  let closing = false;
  const setAvailable = (now: boolean, err?: unknown) => {
    if (available === now || closing) return;
    const before = available;
    available = now;
    metrics?.cacheAvailable.set({ backend: 'redis' }, now ? 1 : 0);
    if (!now) {
      logger.warn(
        { err, backend: 'redis' },
        'cache unavailable: Redis does not answer; requests are served uncached until it is back',
      );
    } else if (before === false) {
      logger.info({ backend: 'redis' }, 'cache available again: Redis answers; caching resumed');
    }
  };
  const failed = (operation: string, err: unknown) => {
    metrics?.cacheErrors.inc({ operation });
    setAvailable(false, err);
  };
  redis.on('ready', () => setAvailable(true));
  redis.on('error', (err) => setAvailable(false, err));
  redis.on('end', () => setAvailable(false));
  subscriber.on('error', () => {}); // The command connection reports outages.
  subscriber.on('message', (_channel: string, text: string) => {
    let message: InvalidationMessage;
    try {
      message = JSON.parse(text) as InvalidationMessage;
    } catch (err) {
      logger.error({ err }, 'unreadable cache invalidation message ignored');
      return;
    }
    for (const listener of listeners) listener(message);
  });

  // A Redis that hangs without dropping the connection never says 'ready' again: probe it.
  let probedAt = 0;
  const probe = () => {
    if (redis.status !== 'ready' || Date.now() - probedAt < 1000) return;
    probedAt = Date.now();
    redis.ping().then(
      () => setAvailable(true),
      () => {},
    );
  };

  let started = false;
  return {
    backend: 'redis',
    start() {
      if (started) return;
      started = true;
      // A refused first connection is reported by the 'error' listener; ioredis keeps trying.
      redis.connect().catch(() => {});
      subscriber.subscribe(cacheKeys.channel(prefix)).catch((err: unknown) => {
        if (!closing) logger.error({ err }, 'could not subscribe to cache invalidations');
      });
    },
    async read(keys, departments) {
      if (available === false) probe();
      if (available !== true) return undefined;
      const all = [...keys, ...departments.map((d) => cacheKeys.version(prefix, d))];
      try {
        const values = all.length > 0 ? await redis.mget(...all) : [];
        return {
          values: values.slice(0, keys.length),
          versions: values.slice(keys.length).map((v) => v ?? '0'),
        };
      } catch (err) {
        failed('read', err);
        return undefined;
      }
    },
    async write(entries, versions) {
      if (available !== true || entries.length === 0) return false;
      const keys = [...versions.keys()].map((d) => cacheKeys.version(prefix, d));
      const args: (string | number)[] = [...versions.values(), Date.now()];
      for (const entry of entries) {
        args.push(entry.key, entry.value, Math.max(1, Math.round(entry.ttlMs)), entry.tags.length);
        for (const tag of entry.tags) args.push(cacheKeys.tag(prefix, tag));
      }
      try {
        return Number(await runScript(redis, STORE_SCRIPT, keys, args)) === 1;
      } catch (err) {
        failed('write', err);
        return false;
      }
    },
    async evict(message) {
      try {
        await evictInRedis(redis, prefix, message);
      } catch (err) {
        failed('evict', err);
        throw err;
      }
    },
    onInvalidation(listener) {
      listeners.push(listener);
    },
    async close() {
      closing = true;
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
