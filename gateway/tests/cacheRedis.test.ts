import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { departmentTag, entityTag, type InvalidationMessage } from '@govgraph/cache';
import {
  connectTestRedis,
  type PrivateRedis,
  privateRedis,
  TEST_REDIS_URL,
} from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStore } from '../src/cache/store/CacheStore.js';
import { createRedisStore } from '../src/cache/store/redisStore.js';
import {
  business,
  type CacheWorld,
  cacheWorld,
  registry,
} from './support/departments/cacheDepartments.js';
import {
  createHubTester,
  type HubTester,
  memoryLogger,
  readyStore,
  silentLogger,
  storeUnderTest,
  WANG,
} from './support/index.js';

const REDIS_URL = TEST_REDIS_URL;

const change = (department: string, typename: string, key: string): InvalidationMessage => ({
  department,
  changes: [{ typename, tag: entityTag(typename, key) }],
});

describe.each(['memory', 'redis'] as const)('the %s cache store', (backend) => {
  const prefix = `test-store-${randomBytes(4).toString('hex')}`;
  let store: CacheStore;
  const key = (name: string) => `{${prefix}}:e:registry:Person:${name}`;
  const wang = entityTag('Person', WANG);

  const under = storeUnderTest(backend, prefix);
  beforeAll(async () => {
    await under.open();
    store = under.store;
  });
  afterAll(() => under.close());

  it('reads nothing and version 0 before anything was written', async () => {
    expect(await store.read([key('a'), key('b')], ['registry', 'business'])).toEqual({
      values: [null, null],
      versions: ['0', '0'],
    });
  });

  it('stores entries at the versions read, and reads them in one call', async () => {
    const { versions } = (await store.read([], ['registry'])) ?? { versions: [] };
    const ok = await store.write(
      [
        { key: key('a'), value: 'p.{"d":1}', ttlMs: 60_000, tags: [wang] },
        { key: key('b'), value: 'p.{"d":2}', ttlMs: 60_000, tags: [departmentTag('registry')] },
      ],
      new Map([['registry', versions[0] ?? '0']]),
    );
    expect(ok).toBe(true);
    expect((await store.read([key('a'), key('b'), key('c')], []))?.values).toEqual([
      'p.{"d":1}',
      'p.{"d":2}',
      null,
    ]);
  });

  it('refuses to store what was read before a write of the department', async () => {
    const before = (await store.read([], ['registry']))?.versions[0] ?? '0';
    await store.evict(change('registry', 'Person', 'someone else'));
    const ok = await store.write(
      [{ key: key('late'), value: 'p.{"d":"old"}', ttlMs: 60_000, tags: [] }],
      new Map([['registry', before]]),
    );
    expect(ok).toBe(false);
    expect((await store.read([key('late')], ['registry']))?.values).toEqual([null]);
    expect((await store.read([], ['registry']))?.versions[0]).toBe(String(Number(before) + 1));
  });

  it('evicts the entries of a changed entity and the department’s root entries, nothing else', async () => {
    const version = (await store.read([], ['registry']))?.versions[0] ?? '0';
    const other = entityTag('Person', 'other');
    await store.write(
      [
        { key: key('wang'), value: 'p.1', ttlMs: 60_000, tags: [wang] },
        { key: key('root'), value: 'p.2', ttlMs: 60_000, tags: [departmentTag('registry')] },
        { key: key('other'), value: 'p.3', ttlMs: 60_000, tags: [other] },
      ],
      new Map([['registry', version]]),
    );
    await store.evict(change('registry', 'Person', WANG));
    expect((await store.read([key('wang'), key('root'), key('other')], []))?.values).toEqual([
      null,
      null,
      'p.3',
    ]);
  });

  it('evicts everything of a department and every response when changes were lost', async () => {
    const version = (await store.read([], ['business']))?.versions[0] ?? '0';
    const mine = `{${prefix}}:e:business:Person:x`;
    const response = `{${prefix}}:q:x`;
    const theirs = `{${prefix}}:e:registry:Person:y`;
    await store.write(
      [
        { key: mine, value: 'p.1', ttlMs: 60_000, tags: [] },
        { key: response, value: 'p.2', ttlMs: 60_000, tags: [] },
        { key: theirs, value: 'p.3', ttlMs: 60_000, tags: [] },
      ],
      new Map([['business', version]]),
    );
    await store.evict({ department: 'business', changes: [], all: true });
    expect((await store.read([mine, response, theirs], []))?.values).toEqual([null, null, 'p.3']);
  });
});

describe('tags in Redis', () => {
  it('forget entries that expired, so a busy tag does not grow without bound', async () => {
    const prefix = `test-tags-${randomBytes(4).toString('hex')}`;
    const admin = await connectTestRedis();
    const store = createRedisStore({ url: REDIS_URL, prefix, logger: silentLogger() });
    try {
      await readyStore(store);
      const tag = departmentTag('registry');
      const write = (name: string, ttlMs: number) =>
        store.write(
          [{ key: `{${prefix}}:r:registry:${name}`, value: 'p.1', ttlMs, tags: [tag] }],
          new Map(),
        );
      for (let i = 0; i < 20; i++) expect(await write(`short${i}`, 1)).toBe(true);
      await delay(10); // let the 1 ms entries lapse
      expect(await write('long', 60_000)).toBe(true);
      expect(await admin.zrange(`{${prefix}}:t:${tag}`, '0', '-1')).toEqual([
        `{${prefix}}:r:registry:long`,
      ]);
    } finally {
      await store.close();
      const keys = await admin.keys(`{${prefix}}:*`);
      if (keys.length > 0) await admin.del(...keys);
      admin.disconnect();
    }
  });
});

describe('a Redis outage', () => {
  let redis: PrivateRedis;
  let world: CacheWorld;
  let hub: HubTester;
  const log = memoryLogger();
  const query = `query($id: NationalId!) { person(nationalId: $id) { name companies { name } } }`;
  const expected = {
    data: { person: { name: 'Wang Fang', companies: [{ name: 'Minjiang Tea Co.' }] } },
  };

  const available = async () => {
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    return /govgraph_cache_available\{backend="redis"\} 1/.test(text);
  };
  const lookups = () => world.companyLookups.get(WANG) ?? 0;

  beforeAll(async () => {
    redis = await privateRedis();
    await redis.start();
    world = cacheWorld();
    hub = await createHubTester({
      departments: [registry(world), business(world)],
      gateway: { logger: log.logger, cache: { redisUrl: redis.url, keyPrefix: 'outage' } },
    });
    for (let i = 0; i < 200 && !(await available()); i++) await delay(20);
  });
  afterAll(async () => {
    await hub?.close();
    await redis.stop();
  });

  it('serves uncached while Redis is away, says so, and resumes caching when it is back', async () => {
    expect(await available()).toBe(true);
    expect((await hub.post({ query, variables: { id: WANG } })).body).toEqual(expected);
    const cachedAt = lookups();
    expect((await hub.post({ query, variables: { id: WANG } })).body).toEqual(expected);
    expect(lookups()).toBe(cachedAt);

    await redis.stop();
    for (let i = 0; i < 5; i++) {
      expect((await hub.post({ query, variables: { id: WANG } })).body).toEqual(expected);
    }
    // Every request went to the department: nothing was cached, nothing failed.
    expect(lookups()).toBe(cachedAt + 5);
    expect(await available()).toBe(false);
    expect(log.lines.some((l) => String(l.msg).startsWith('cache unavailable'))).toBe(true);

    await redis.start();
    for (let i = 0; i < 300 && !(await available()); i++) await delay(20);
    expect(await available()).toBe(true);
    expect(log.lines.some((l) => String(l.msg).startsWith('cache available again'))).toBe(true);
    expect((await hub.post({ query, variables: { id: WANG } })).body).toEqual(expected);
    const refilled = lookups();
    expect((await hub.post({ query, variables: { id: WANG } })).body).toEqual(expected);
    expect(lookups()).toBe(refilled);
  });
});
