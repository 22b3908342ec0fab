import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createRedisInvalidationPublisher,
  departmentTag,
  entityTag,
  type InvalidationMessage,
  resilientRedisOptions,
} from '@govgraph/cache';
import {
  createRedisClient,
  type Listening,
  parseClusterUrl,
  type RedisClient,
  redisNodes,
  redisUrlVar,
} from '@govgraph/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheEnv } from '../src/cache/cacheConfig.js';
import type { CacheStore } from '../src/cache/store/CacheStore.js';
import { createRedisStore } from '../src/cache/store/redisStore.js';
import { createGatewayServer, gatewayConfig } from '../src/index.js';
import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  business,
  type CacheWorld,
  cacheWorld,
  registry,
} from './support/departments/cacheDepartments.js';
import {
  CITY_TAX,
  composeSupergraph,
  createHubTester,
  firstErrorCode,
  type HubTester,
  MemoryAuditLog,
  MemoryRegistry,
  POLICE,
  postGraphQL,
  type RunningFixture,
  silentLogger,
  startFixture,
  TAX_ASSESSMENT,
  type TempFile,
  tempSupergraph,
  testCallerToken,
  WANG,
} from './support/index.js';
import { startRedisCluster, type TestRedisCluster } from './support/redisCluster.js';

// Everything here runs against a real Redis Cluster of three masters that the test starts on
// free ports and stops at the end (docs/scaling.md); the shared Redis on 6379 is not used.

let cluster: TestRedisCluster;
let admin: RedisClient;

beforeAll(async () => {
  cluster = await startRedisCluster();
  admin = createRedisClient(cluster.url, { ...resilientRedisOptions(2000), lazyConnect: true });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  admin?.disconnect();
  await cluster?.stop();
});

/** Every key of the cluster that starts with the pattern, from every master. */
async function keysOnCluster(pattern: string): Promise<string[]> {
  const found: string[] = [];
  for (const node of redisNodes(admin)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

async function slotOf(key: string): Promise<number> {
  const node = cluster.node(0);
  try {
    return Number(await node.call('CLUSTER', 'KEYSLOT', key));
  } finally {
    node.disconnect();
  }
}

async function ready(store: CacheStore): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await store.read([], [])) return;
    await delay(20);
  }
  throw new Error('the cache store never became ready on the Redis Cluster');
}

describe('REDIS_URL for a Redis Cluster', () => {
  it('takes redis+cluster:// with seed nodes, and names the mistake otherwise', () => {
    expect(parseClusterUrl('redis+cluster://10.0.0.1:7000,10.0.0.2:7001')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      tls: false,
    });
    expect(parseClusterUrl('rediss+cluster://u:p%40ss@redis-a:6380')).toEqual({
      nodes: [{ host: 'redis-a', port: 6380 }],
      tls: true,
      username: 'u',
      password: 'p@ss',
    });
    for (const bad of [
      'redis+cluster://',
      'redis+cluster://10.0.0.1',
      'redis+cluster://10.0.0.1:99999',
      'redis+cluster://a:1,,b:2',
    ]) {
      expect(parseClusterUrl(bad), bad).toBeUndefined();
      const parsed = redisUrlVar.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/host:port separated by commas/);
      expect(cacheEnv.REDIS_URL.safeParse(bad).success).toBe(false);
    }
    expect(redisUrlVar.safeParse('http://x:1').error?.issues[0]?.message).toMatch(
      /redis\+cluster:\/\//,
    );
    expect(redisUrlVar.safeParse('redis://127.0.0.1:6379').success).toBe(true);
    expect(redisUrlVar.safeParse(cluster.url).success).toBe(true);
  });

  it('is taken by the gateway for its caches and rate limits, and a bad one stops it at start', () => {
    const config = gatewayConfig({ REDIS_URL: cluster.url });
    expect(config.cache.redisUrl).toBe(cluster.url);
    expect(config.rateLimit.redisUrl).toBe(cluster.url);
    expect(() => gatewayConfig({ REDIS_URL: 'redis+cluster://10.0.0.1' })).toThrow(
      /REDIS_URL .*lists its nodes as host:port separated by commas/,
    );
  });
});

describe('the Redis cache store on a three-node cluster', () => {
  const prefix = `cluster-store-${randomUUID().slice(0, 8)}`;
  let store: CacheStore;
  const heard: InvalidationMessage[] = [];
  const key = (name: string) => `{${prefix}}:e:registry:Person:${name}`;

  beforeAll(async () => {
    store = createRedisStore({ url: cluster.url, prefix, logger: silentLogger() });
    store.onInvalidation((message) => heard.push(message));
    store.start();
    await ready(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('stores, reads, refuses a raced write and evicts, with every key in one slot', async () => {
    const versions = (await store.read([], ['registry', 'business']))?.versions ?? [];
    expect(versions).toEqual(['0', '0']);
    const wang = entityTag('Person', WANG);
    const stored = await store.write(
      [
        { key: key('wang'), value: 'p.1', ttlMs: 60_000, tags: [wang] },
        { key: key('root'), value: 'p.2', ttlMs: 60_000, tags: [departmentTag('registry')] },
        { key: key('other'), value: 'p.3', ttlMs: 60_000, tags: [entityTag('Person', 'x')] },
        { key: `{${prefix}}:q:whole`, value: 'p.4', ttlMs: 60_000, tags: [wang] },
      ],
      new Map([
        ['registry', '0'],
        ['business', '0'],
      ]),
    );
    expect(stored).toBe(true);
    const all = await keysOnCluster(`{${prefix}}:*`);
    expect(all.length).toBeGreaterThanOrEqual(7); // 4 entries, 3 tags
    const slots = new Set(await Promise.all(all.map(slotOf)));
    expect(slots.size).toBe(1);

    // A department's write (from a publisher of its own, as a department process runs it).
    const publisher = createRedisInvalidationPublisher({
      url: cluster.url,
      prefix,
      logger: silentLogger(),
    });
    try {
      await publisher.publish('registry', [{ typename: 'Person', key: WANG }]);
    } finally {
      await publisher.close();
    }
    const values = await store.read(
      [key('wang'), key('root'), key('other'), `{${prefix}}:q:whole`],
      ['registry'],
    );
    expect(values).toEqual({ values: [null, null, 'p.3', null], versions: ['1'] });
    // The gateway heard it through cluster pub/sub.
    for (let i = 0; i < 100 && heard.length === 0; i++) await delay(20);
    expect(heard).toEqual([
      { department: 'registry', changes: [{ typename: 'Person', tag: entityTag('Person', WANG) }] },
    ]);
    // A read from before the write can no longer fill the cache.
    expect(
      await store.write(
        [{ key: key('late'), value: 'p.old', ttlMs: 60_000, tags: [] }],
        new Map([['registry', '0']]),
      ),
    ).toBe(false);
    expect((await store.read([key('late')], []))?.values).toEqual([null]);
  });

  it('evicts a department wholesale on a cluster when changes were lost', async () => {
    const mine = `{${prefix}}:e:business:Person:y`;
    const response = `{${prefix}}:q:y`;
    const theirs = `{${prefix}}:e:registry:Person:y`;
    const version = (await store.read([], ['business']))?.versions[0] ?? '0';
    await store.write(
      [mine, response, theirs].map((k) => ({ key: k, value: 'p.1', ttlMs: 60_000, tags: [] })),
      new Map([['business', version]]),
    );
    await store.evict({ department: 'business', changes: [], all: true });
    expect((await store.read([mine, response, theirs], []))?.values).toEqual([null, null, 'p.1']);
  });

  it('evicts every entry a writer added to a tag between the eviction’s rounds', async () => {
    const tag = entityTag('Person', 'busy');
    const writes = Array.from({ length: 40 }, (_, i) =>
      store.write([{ key: key(`busy${i}`), value: 'p.1', ttlMs: 60_000, tags: [tag] }], new Map()),
    );
    const eviction = store.evict({
      department: 'population',
      changes: [{ typename: 'Person', tag }],
    });
    await Promise.all([...writes, eviction]);
    // Whatever was written before the eviction ran is gone; later writes may stay, but the
    // tag lists every one of them, so the next eviction removes them all.
    await store.evict({ department: 'population', changes: [{ typename: 'Person', tag }] });
    const left = await store.read(
      Array.from({ length: 40 }, (_, i) => key(`busy${i}`)),
      [],
    );
    expect(left?.values.every((v) => v === null)).toBe(true);
  });
});

describe('a gateway on a Redis Cluster', () => {
  let world: CacheWorld;
  let hub: HubTester;
  const prefix = `cluster-gw-${randomUUID().slice(0, 8)}`;
  const query = `query($id: NationalId!) { person(nationalId: $id) { name companies { name } } }`;
  const lookups = () => world.companyLookups.get(WANG) ?? 0;

  beforeAll(async () => {
    world = cacheWorld();
    hub = await createHubTester({
      departments: [registry(world), business(world)],
      gateway: { cache: { redisUrl: cluster.url, keyPrefix: prefix } },
    });
    const available = async () =>
      /govgraph_cache_available\{backend="redis"\} 1/.test(
        await (await fetch(`${hub.url}/metrics`)).text(),
      );
    for (let i = 0; i < 300 && !(await available()); i++) await delay(20);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('caches entities and whole responses in the cluster and drops them on a department’s write', async () => {
    const ask = async () => (await hub.post({ query, variables: { id: WANG } })).body;
    expect(await ask()).toEqual({
      data: { person: { name: 'Wang Fang', companies: [{ name: 'Minjiang Tea Co.' }] } },
    });
    const afterFirst = lookups();
    expect(await ask()).toEqual({
      data: { person: { name: 'Wang Fang', companies: [{ name: 'Minjiang Tea Co.' }] } },
    });
    expect(lookups()).toBe(afterFirst);
    const keys = await keysOnCluster(`{${prefix}}:*`);
    expect(keys.some((k) => k.startsWith(`{${prefix}}:e:business:Person:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`{${prefix}}:r:registry:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`{${prefix}}:q:`))).toBe(true);
    expect(new Set(await Promise.all(keys.map(slotOf))).size).toBe(1);

    // The registry commits a new name and announces it, as its process does after a commit.
    world.names.set(WANG, 'Wang Fang-Li');
    const publisher = createRedisInvalidationPublisher({
      url: cluster.url,
      prefix,
      logger: silentLogger(),
    });
    try {
      await publisher.publish('registry', [{ typename: 'Person', key: WANG }]);
    } finally {
      await publisher.close();
    }
    expect(await ask()).toEqual({
      data: { person: { name: 'Wang Fang-Li', companies: [{ name: 'Minjiang Tea Co.' }] } },
    });
  });
});

describe('rate limits on a Redis Cluster', () => {
  const open: Listening[] = [];
  let people: RunningFixture;
  let tax: RunningFixture;
  let file: TempFile;
  const keyPrefix = `cluster-rate-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    people = await startFixture(residents);
    tax = await startFixture(taxes);
    file = await tempSupergraph(composeSupergraph([people, tax]));
  });
  afterAll(async () => {
    for (const listening of open) await listening.close();
    await people?.close();
    await tax?.close();
    await file?.remove();
  });

  it('shares one budget between two gateway instances through the cluster', async () => {
    const registryOfAgencies = new MemoryRegistry()
      .addAgency(CITY_TAX)
      .addAgency(POLICE)
      .addPurpose(TAX_ASSESSMENT)
      .grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Query.person', 'Person.name'])
      .grant(POLICE.agencyId, TAX_ASSESSMENT, ['Query.person', 'Person.name'])
      .setCitizenCoordinates(['Query.person', 'Person.name', 'Person.nationalId']);
    const start = async () => {
      const listening = await createGatewayServer({
        supergraphPath: file.path,
        logger: silentLogger(),
        access: { registry: registryOfAgencies, signer: testCallerToken.signer },
        audit: { log: new MemoryAuditLog() },
        // A generous command timeout: on a busy machine a 250 ms one could let a charge fall
        // back to the in-process limiter, which would let one extra request through.
        rateLimit: { windowSeconds: 10, keyPrefix, redisUrl: cluster.url, redisTimeoutMs: 2000 },
        limits: { requestsPerSecond: 1 },
      }).listen(0);
      open.push(listening);
      // Counted in the cluster only once this instance's limiter is connected to it.
      const shared = async () =>
        /govgraph_rate_limit_shared 1/.test(await (await fetch(`${listening.url}/metrics`)).text());
      for (let i = 0; i < 300 && !(await shared()); i++) await delay(20);
      expect(await shared()).toBe(true);
      return `${listening.url}/graphql`;
    };
    const [a, b] = [await start(), await start()];
    const nameQuery = `{ person(nationalId: "${WANG}") { name } }`;
    const ask = (url: string, apiKey: string) =>
      postGraphQL(url, nameQuery, {
        headers: { 'x-api-key': apiKey, 'x-purpose': 'tax-assessment' },
      });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => ask(i % 2 ? a : b, 'k-tax')),
    );
    // 1 request/s over a 10 s window: 10 in all, whichever instance they reached.
    expect(answers.filter((x) => x.status === 200)).toHaveLength(10);
    expect(answers.filter((x) => x.status === 429)).toHaveLength(20);
    expect(firstErrorCode(answers.find((x) => x.status === 429)?.body ?? {})).toBe('RATE_LIMITED');
    const keys = await keysOnCluster(`${keyPrefix}:*`);
    expect(keys).toContain(`${keyPrefix}:requestsPerSecond:1:agency:city-tax`);
  });
});
