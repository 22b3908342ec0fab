import {
  cacheKeys,
  evictInRedis,
  type InvalidationMessage,
  resilientRedisOptions,
  runScript,
} from '@govgraph/cache';
import { createRedisClient, type Logger } from '@govgraph/server';
import type { GatewayMetrics } from '../../metrics/gatewayMetrics.js';
import type { CacheStore } from './CacheStore.js';

export interface RedisStoreOptions {
  /** `redis://host:port` for one server, `redis+cluster://host:port,host:port` for a cluster. */
  url: string;
  prefix: string;
  logger: Logger;
  metrics?: GatewayMetrics;
  /** Longest one cache command may take before the request goes on uncached. @default 250 */
  timeoutMs?: number;
}

// KEYS: department version keys, then per entry its key and its tag keys (every key the
// script touches is declared, and all share the `{prefix}` hash tag: one cluster slot).
// ARGV: the number of versions, their expected values, the time (ms), then per entry value,
// ttl ms, tag count. Stores nothing if any department wrote since. A tag is a sorted set of
// entry keys scored by expiry; expired members are pruned as it grows.
const STORE_SCRIPT = `
local versions = tonumber(ARGV[1])
for i = 1, versions do
  if (redis.call('GET', KEYS[i]) or '0') ~= ARGV[i + 1] then return 0 end
end
local now = tonumber(ARGV[versions + 2])
local a = versions + 3
local k = versions + 1
while a <= #ARGV do
  local key, ttl, n = KEYS[k], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  redis.call('SET', key, ARGV[a], 'PX', ttl)
  for t = 1, n do
    local tag = KEYS[k + t]
    redis.call('ZADD', tag, now + ttl, key)
    redis.call('ZREMRANGEBYSCORE', tag, '-inf', now)
    if redis.call('PTTL', tag) < ttl then redis.call('PEXPIRE', tag, ttl) end
  end
  a = a + 3
  k = k + 1 + n
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
  const redis = createRedisClient(options.url, { ...resilient, lazyConnect: true });
  // The subscriber queues its SUBSCRIBE until connected and re-subscribes after a reconnect.
  const subscriber = createRedisClient(options.url, {
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
      const args: (string | number)[] = [versions.size, ...versions.values(), Date.now()];
      for (const entry of entries) {
        keys.push(entry.key, ...entry.tags.map((tag) => cacheKeys.tag(prefix, tag)));
        args.push(entry.value, Math.max(1, Math.round(entry.ttlMs)), entry.tags.length);
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
