import { createHash, hash } from 'node:crypto';
import type { Logger } from '@govgraph/server';
import { createRedisClient, type RedisClient, redisNodes } from '@govgraph/server';
import { z } from 'zod';

// Cache invalidation across processes (docs/caching.md). A department that committed a write
// evicts, in the shared Redis, every cache entry tagged with a changed entity, bumps its own
// version (so a gateway that read before the write cannot store what it read), and announces
// the change on `<prefix>:invalidate` so every gateway instance drops its in-flight reads.
// Key names carry SHA-256 digests, never a national ID or credit code in plain text.

/** An entity whose cached answers are stale after a committed write. */
export interface EntityChange {
  /** The entity's type, e.g. `Person`. */
  typename: string;
  /** The entity's key value: national ID, credit code, ticket number, ... */
  key: string;
}

/** What travels on the invalidation channel: digests and type names only. */
export interface InvalidationMessage {
  department: string;
  changes: { typename: string; tag: string }[];
  /** Every entry of the department and every whole response: changes were lost (long outage). */
  all?: boolean;
}

/** Subscribes a listener to a department's committed changes; returns the unsubscribe function. */
export type OnEntitiesChanged = (
  listener: (changes: readonly EntityChange[]) => void | Promise<void>,
) => () => void;

/** The tag of every cache entry holding data of this entity. */
export function entityTag(typename: string, key: string): string {
  return `e:${hash('sha256', `${typename}:${key}`, 'hex')}`;
}

/** The tag of every cache entry built from a root-field fetch of this department. */
export function departmentTag(department: string): string {
  return `d:${department}`;
}

/** The message a department's changes become (also used in-process, with no Redis). */
export function invalidationMessage(
  department: string,
  changes: readonly EntityChange[],
): InvalidationMessage {
  return {
    department,
    changes: changes.map((c) => ({ typename: c.typename, tag: entityTag(c.typename, c.key) })),
  };
}

/** Every tag a message evicts: the changed entities and the department's root-field entries. */
export function tagsOf(message: InvalidationMessage): string[] {
  return [...message.changes.map((c) => c.tag), departmentTag(message.department)];
}

/**
 * Redis names shared by publishers and gateways. Every cache key starts with the hash tag
 * `{<prefix>}`, so a Redis Cluster keeps all of them in one slot: the scripts below read
 * versions, tags and entries together and atomically, which a cluster allows only within one
 * slot (docs/scaling.md). The channel is not a key: cluster pub/sub reaches every node.
 */
export const cacheKeys = {
  channel: (prefix: string) => `${prefix}:invalidate`,
  /** The hash tag and start of every cache key. */
  base: (prefix: string) => `{${prefix}}`,
  version: (prefix: string, department: string) => `{${prefix}}:v:${department}`,
  tag: (prefix: string, tag: string) => `{${prefix}}:t:${tag}`,
  /** An entity entry: department and type in plain, the rest a digest. */
  entity: (prefix: string, department: string, typename: string, digest: string) =>
    `{${prefix}}:e:${department}:${typename}:${digest}`,
  /**
   * A batch blob: the sealed entities one department fetch returned, which that batch's entity
   * entries point into (docs/caching.md). Untagged: it goes when its TTL ends, unreadable once
   * no entry points into it.
   */
  batch: (prefix: string, department: string, batchId: string) =>
    `{${prefix}}:b:${department}:${batchId}`,
  /** A root-field fetch entry. */
  root: (prefix: string, department: string, digest: string) =>
    `{${prefix}}:r:${department}:${digest}`,
  /** A whole response: a pointer into its answer blob (docs/caching.md#serving-a-hit). */
  response: (prefix: string, digest: string) => `{${prefix}}:q:${digest}`,
  /** An answer blob: one stored response, sealed when personal. Untagged, like a batch blob. */
  answer: (prefix: string, answerId: string) => `{${prefix}}:a:${answerId}`,
};

/**
 * KEYS[1] the department's version, KEYS[2..ARGV[1]+1] tags, then every entry key the caller
 * found in those tags. Bumps the version and deletes every entry of every tag, atomically: no
 * reader sees the new version with old entries left. Every key it touches is declared (a
 * cluster requires it): if a tag holds a member the caller did not list, it changes nothing
 * and returns the missing keys, and the caller runs it again with them. A tag is a sorted set
 * of entry keys scored by their expiry, so writers can prune what expired.
 */
const EVICT_SCRIPT = `
local tags = tonumber(ARGV[1])
local declared = {}
for i = tags + 2, #KEYS do declared[KEYS[i]] = true end
local missing = {}
for i = 2, tags + 1 do
  for _, key in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
    if not declared[key] then missing[#missing + 1] = key end
  end
end
if #missing > 0 then return {0, missing} end
redis.call('INCR', KEYS[1])
local n = 0
for i = tags + 2, #KEYS do n = n + redis.call('UNLINK', KEYS[i]) end
for i = 2, tags + 1 do redis.call('UNLINK', KEYS[i]) end
return {1, n}`;

const scriptShas = new Map<string, string>();

/** Runs a Lua script by its SHA (loading it on first use), as one round trip. */
export async function runScript(
  redis: RedisClient,
  script: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  let sha = scriptShas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    scriptShas.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return await redis.eval(script, keys.length, ...keys, ...args);
  }
}

/** Writers racing an eviction can add members between its rounds; past this many it gives up. */
const EVICT_ROUNDS = 8;

/** Evicts a message's tags in Redis and bumps the department's version; returns entries removed. */
export async function evictInRedis(
  redis: RedisClient,
  prefix: string,
  message: InvalidationMessage,
): Promise<number> {
  const tags = tagsOf(message).map((tag) => cacheKeys.tag(prefix, tag));
  const version = cacheKeys.version(prefix, message.department);
  // The first round finds the tags' members (or evicts at once when they are empty), the second
  // evicts them; more rounds only when writers keep adding to the tags meanwhile.
  const members = new Set<string>();
  let evicted: number | undefined;
  for (let round = 0; round < EVICT_ROUNDS && evicted === undefined; round++) {
    const keys = [version, ...tags, ...members];
    const [done, result] = (await runScript(redis, EVICT_SCRIPT, keys, [tags.length])) as [
      number,
      number | string[],
    ];
    if (done === 1) evicted = Number(result);
    else if (Array.isArray(result)) for (const key of result) members.add(key);
  }
  if (evicted === undefined) {
    throw new Error(
      `cache eviction of ${message.department} gave up after ${EVICT_ROUNDS} rounds racing writers`,
    );
  }
  if (message.all) evicted += await unlinkAll(redis, prefix, message.department);
  return evicted;
}

/** Deletes every entry of a department and every whole response, on every node. */
async function unlinkAll(redis: RedisClient, prefix: string, department: string): Promise<number> {
  const base = cacheKeys.base(prefix);
  let evicted = 0;
  for (const node of redisNodes(redis)) {
    for (const pattern of [
      `${base}:e:${department}:*`,
      `${base}:b:${department}:*`,
      `${base}:r:${department}:*`,
      `${base}:q:*`,
    ]) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        // Every key found starts with the hash tag `{prefix}`: one slot, so one UNLINK.
        if (found.length > 0) evicted += await redis.unlink(...found);
      } while (cursor !== '0');
    }
  }
  return evicted;
}

/**
 * Options every Redis client of the hub uses: a command that cannot be answered fails fast
 * instead of queueing while Redis is away, and the client reconnects by itself.
 */
export function resilientRedisOptions(timeoutMs: number) {
  return {
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 1000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times: number) => Math.min(times * 100, 1000),
    lazyConnect: false,
  } as const;
}

/** Announces a department's committed changes to every gateway. */
export interface InvalidationPublisher {
  /** Evicts and announces; resolves once done, or once the failure is logged (never rejects). */
  publish(department: string, changes: readonly EntityChange[]): Promise<void>;
  close(): Promise<void>;
}

export interface RedisInvalidationOptions {
  url: string;
  /** `CACHE_KEY_PREFIX`, the same as the gateways'. */
  prefix: string;
  logger: Logger;
  /** Longest a Redis command may take. @default 500 */
  timeoutMs?: number;
}

/**
 * The Redis publisher departments use after a commit. A change that cannot be published
 * (Redis away) is kept and sent again when Redis is back, so gateways never keep an entry a
 * write made stale; past 10,000 kept changes it evicts the department's entries wholesale.
 */
export function createRedisInvalidationPublisher(
  options: RedisInvalidationOptions,
): InvalidationPublisher {
  const { prefix, logger } = options;
  const timeoutMs = options.timeoutMs ?? 500;
  const redis = createRedisClient(options.url, resilientRedisOptions(timeoutMs));
  redis.on('error', () => {}); // Reported per publish below; ioredis reconnects by itself.
  const pending: InvalidationMessage[] = [];
  let pendingChanges = 0;
  // A write right after start (or during a reconnect) waits a moment for the connection
  // rather than answering before the gateways' caches were told.
  const connected = () =>
    redis.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            redis.off('ready', done);
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          redis.once('ready', done);
        });
  const send = async (message: InvalidationMessage) => {
    await connected();
    await evictInRedis(redis, prefix, message);
    await redis.publish(cacheKeys.channel(prefix), JSON.stringify(message));
  };
  const retry = async () => {
    while (pending.length > 0) {
      const message = pending[0];
      if (!message) break;
      try {
        await send(message);
      } catch {
        return;
      }
      pending.shift();
      pendingChanges -= message.changes.length;
    }
  };
  redis.on('ready', () => void retry());
  return {
    async publish(department, changes) {
      const message = invalidationMessage(department, changes);
      try {
        await send(message);
      } catch (err) {
        logger.error(
          { err, department, changes: changes.length },
          'cache invalidation could not be published; it is sent again when Redis is back',
        );
        if (pendingChanges + message.changes.length > 10_000) {
          // Too much to remember: evict everything of the department instead (its version tag).
          pending.splice(0);
          pendingChanges = 0;
          pending.push({ department, changes: [], all: true });
        } else {
          pending.push(message);
          pendingChanges += message.changes.length;
        }
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** `CACHE_KEY_PREFIX`, as departments and the gateway read it. */
export const cacheKeyPrefixVar = z
  .string()
  .regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"')
  .default('govgraph');
