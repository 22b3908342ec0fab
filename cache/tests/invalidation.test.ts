import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  cacheKeys,
  createRedisInvalidationPublisher,
  departmentTag,
  entityTag,
  type InvalidationMessage,
  invalidationMessage,
} from '@govgraph/cache';
import { departmentConfig } from '@govgraph/department';
import {
  connectTestRedis,
  type PrivateRedis,
  privateRedis,
  TEST_REDIS_URL,
} from '@govgraph/testing';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REDIS_URL = TEST_REDIS_URL;
const NATIONAL_ID = '11010519491231002X';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

/** Seeds an entry tagged with Person NATIONAL_ID and one tagged as a root entry. */
async function seed(redis: Redis, prefix: string): Promise<void> {
  const person = cacheKeys.tag(prefix, entityTag('Person', NATIONAL_ID));
  const root = cacheKeys.tag(prefix, departmentTag('complaints'));
  await redis
    .multi()
    .set(`{${prefix}}:e:complaints:Person:a`, 'x')
    .set(`{${prefix}}:r:complaints:b`, 'y')
    .set(`{${prefix}}:e:complaints:Person:other`, 'z')
    .zadd(person, Date.now() + 60_000, `{${prefix}}:e:complaints:Person:a`)
    .zadd(root, Date.now() + 60_000, `{${prefix}}:r:complaints:b`)
    .exec();
}

describe('invalidation messages', () => {
  it('name changed entities by digest, never by their key', () => {
    const message = invalidationMessage('complaints', [
      { typename: 'Person', key: NATIONAL_ID },
      { typename: 'Complaint', key: 'C1' },
    ]);
    expect(message.department).toBe('complaints');
    expect(message.changes.map((c) => c.typename)).toEqual(['Person', 'Complaint']);
    expect(message.changes[0]?.tag).toBe(entityTag('Person', NATIONAL_ID));
    expect(JSON.stringify(message)).not.toContain(NATIONAL_ID);
  });

  it('are configured by REDIS_URL and CACHE_KEY_PREFIX beside the department’s own variables', () => {
    expect(
      departmentConfig('COMPLAINTS', 4006, {
        REDIS_URL: 'redis://cache:6379',
        CACHE_KEY_PREFIX: 'hub',
      }),
    ).toMatchObject({ redisUrl: 'redis://cache:6379', cacheKeyPrefix: 'hub' });
    expect(departmentConfig('COMPLAINTS', 4006, {})).toMatchObject({
      redisUrl: undefined,
      cacheKeyPrefix: 'govgraph',
    });
    expect(() => departmentConfig('COMPLAINTS', 4006, { REDIS_URL: 'cache:6379' })).toThrow(
      /REDIS_URL is "cache:6379": must be a redis:\/\//,
    );
  });
});

describe('the Redis invalidation publisher', () => {
  const prefix = `test-inv-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let subscriber: Redis;
  const heard: InvalidationMessage[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis(REDIS_URL);
    subscriber = await connectTestRedis(REDIS_URL);
    await subscriber.subscribe(cacheKeys.channel(prefix));
    subscriber.on('message', (_channel: string, text: string) =>
      heard.push(JSON.parse(text) as InvalidationMessage),
    );
  });
  afterAll(async () => {
    const keys = await redis?.keys(`{${prefix}}:*`);
    if (keys?.length) await redis.del(...keys);
    redis?.disconnect();
    subscriber?.disconnect();
  });

  it('evicts the changed entities’ entries and announces the change before it resolves', async () => {
    await seed(redis, prefix);
    const publisher = createRedisInvalidationPublisher({
      url: REDIS_URL,
      prefix,
      logger: pino({ level: 'silent' }),
    });
    try {
      await publisher.publish('complaints', [{ typename: 'Person', key: NATIONAL_ID }]);
      expect(await redis.get(cacheKeys.version(prefix, 'complaints'))).toBe('1');
      expect(
        await redis.mget(
          `{${prefix}}:e:complaints:Person:a`,
          `{${prefix}}:r:complaints:b`,
          `{${prefix}}:e:complaints:Person:other`,
        ),
      ).toEqual([null, null, 'z']);
      await waitUntil(async () => heard.length > 0);
      expect(heard.at(-1)).toEqual(
        invalidationMessage('complaints', [{ typename: 'Person', key: NATIONAL_ID }]),
      );
    } finally {
      await publisher.close();
    }
  });
});

describe('an invalidation published while Redis is away', () => {
  let server: PrivateRedis;
  const prefix = 'away';

  beforeAll(async () => {
    server = await privateRedis();
  });
  afterAll(() => server.stop());

  it('is logged, does not fail the write, and is sent when Redis is back', async () => {
    const log = memoryLogger();
    const publisher = createRedisInvalidationPublisher({
      url: server.url,
      prefix,
      logger: log.logger,
      timeoutMs: 100,
    });
    try {
      await publisher.publish('complaints', [{ typename: 'Person', key: NATIONAL_ID }]);
      expect(log.lines.map((l) => l.msg)).toContain(
        'cache invalidation could not be published; it is sent again when Redis is back',
      );
      await server.start();
      const redis = await connectTestRedis(server.url);
      try {
        // The kept change bumps the department's version once the publisher reconnects.
        await waitUntil(
          async () => (await redis.get(cacheKeys.version(prefix, 'complaints'))) === '1',
        );
        expect(await redis.get(cacheKeys.version(prefix, 'complaints'))).toBe('1');
      } finally {
        redis.disconnect();
      }
    } finally {
      await publisher.close();
    }
  });
});

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await delay(20);
  }
  throw new Error('condition not met in 6 seconds');
}
