import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { AuditEntry } from '@govgraph/governance';
import { creditCodeCheckChar, nationalIdCheckChar } from '@govgraph/schema';
import type { Listening } from '@govgraph/server';
import { connectTestRedis, TEST_REDIS_URL } from '@govgraph/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValueCipher, type ValueCipher } from '../src/cache/valueCipher.js';
import { createGatewayServer, type GatewayServer } from '../src/index.js';
import {
  business,
  type CacheWorld,
  cacheWorld,
  registry,
} from './support/departments/cacheDepartments.js';
import {
  composeSupergraph,
  firstErrorCode,
  MemoryRegistry,
  postGraphQL,
  type RunningFixture,
  silentLogger,
  startFixture,
  type TempFile,
  tempSupergraph,
  testCallerToken,
} from './support/index.js';

// The entity cache seals the entities of one department fetch together: one blob per batch,
// one cipher call to write it and one to read it, each entity's entry pointing into it
// (docs/caching.md#one-cipher-call-per-fetch-batch). Real Redis throughout; the cipher is the
// real one, wrapped to count its calls.

const PEOPLE = `query($ids: [NationalId!]!) { people(nationalIds: $ids) { name companies { creditCode name } } }`;
const SIZE = 20;

/** Twenty residents, each the representative of one company, added to the fixtures' world. */
function populate(world: CacheWorld): string[] {
  return Array.from({ length: SIZE }, (_, i) => {
    const first17 = `11010119900101${String(100 + i)}`;
    const nationalId = `${first17}${nationalIdCheckChar(first17)}`;
    const code17 = `911100006000${String(10_000 + i)}`;
    world.names.set(nationalId, `Resident ${i}`);
    world.companies.push({
      creditCode: `${code17}${creditCodeCheckChar(code17)}`,
      name: `Workshop ${i}`,
      representative: nationalId,
    });
    return nationalId;
  });
}

/** The real cipher, counting each call by the kind of key it seals or opens (`e`, `b`, `r`). */
function countingCipher() {
  const inner = createValueCipher();
  const calls: { operation: 'seal' | 'open'; kind: string }[] = [];
  const kindOf = (key: string) => key.split(':')[1] ?? '';
  const cipher: ValueCipher = {
    seal(plaintext, key) {
      calls.push({ operation: 'seal', kind: kindOf(key) });
      return inner.seal(plaintext, key);
    },
    open(sealed, key) {
      calls.push({ operation: 'open', kind: kindOf(key) });
      return inner.open(sealed, key);
    },
  };
  const count = (operation: 'seal' | 'open', kind: string) =>
    calls.filter((call) => call.operation === operation && call.kind === kind).length;
  return { cipher, calls, count };
}

interface Instance {
  gateway: GatewayServer;
  url: string;
}

/**
 * Gateway instances over the cache fixtures, sharing the test Redis under a prefix of their
 * own (and the cipher, as instances share `CACHE_ENCRYPTION_KEYS`); the first starts before all.
 */
function useBatchGateways(options: { cipher?: ValueCipher; access?: MemoryRegistry }) {
  const t = { open: [] as Listening[] } as {
    world: CacheWorld;
    people: string[];
    departments: RunningFixture[];
    file: TempFile;
    redis: Redis;
    prefix: string;
    open: Listening[];
    first: Instance;
    start(): Promise<Instance>;
  };
  t.start = async () => {
    const audited: AuditEntry[] = [];
    const gateway = createGatewayServer({
      access: options.access
        ? { registry: options.access, signer: testCallerToken.signer }
        : { unchecked: true, signer: testCallerToken.signer },
      audit: { log: { append: async (e) => void audited.push(e), close: async () => {} } },
      supergraphPath: t.file.path,
      logger: silentLogger(),
      cache: {
        redisUrl: TEST_REDIS_URL,
        keyPrefix: t.prefix,
        // Whole responses would answer repeated reads before the entity cache is asked.
        response: options.access !== undefined,
        ...(options.cipher ? { cipher: options.cipher } : {}),
      },
    });
    const listening = await gateway.listen(0);
    t.open.push(listening);
    const available = async () =>
      /govgraph_cache_available\{backend="redis"\} 1/.test(
        await (await fetch(`${listening.url}/metrics`)).text(),
      );
    for (let i = 0; i < 300 && !(await available()); i++) await delay(20);
    return { gateway, url: `${listening.url}/graphql` };
  };
  beforeAll(async () => {
    t.prefix = `test-batch-${randomBytes(4).toString('hex')}`;
    t.redis = await connectTestRedis();
    t.world = cacheWorld();
    t.people = populate(t.world);
    t.departments = [await startFixture(registry(t.world)), await startFixture(business(t.world))];
    t.file = await tempSupergraph(composeSupergraph(t.departments));
    t.first = await t.start();
  });
  afterAll(async () => {
    for (const listening of t.open) await listening.close();
    for (const department of t.departments ?? []) await department.close();
    await t.file?.remove();
    if (t.redis) {
      const keys = await t.redis.keys(`{${t.prefix}}:*`);
      if (keys.length > 0) await t.redis.del(...keys);
      t.redis.disconnect();
    }
  });
  return t;
}

describe('the entity cache seals one blob per fetch batch', () => {
  const counting = countingCipher();
  const t = useBatchGateways({ cipher: counting.cipher });
  let second: Instance;
  beforeAll(async () => {
    second = await t.start();
  });
  const lookups = () => t.people.map((id) => t.world.companyLookups.get(id) ?? 0);
  const expected = () => ({
    data: {
      people: t.people.map((id) => {
        const company = t.world.companies.find((c) => c.representative === id);
        return {
          name: t.world.names.get(id),
          companies: [{ creditCode: company?.creditCode, name: company?.name }],
        };
      }),
    },
  });
  const ask = async (instance: Instance) =>
    (await postGraphQL(instance.url, { query: PEOPLE, variables: { ids: t.people } })).body;
  const keysOf = (kind: string) => t.redis.keys(`{${t.prefix}}:${kind}:business:*`);
  const resetCounts = () => {
    counting.calls.length = 0;
  };

  it('writes a fetch of twenty people with one cipher call; another instance opens it once', async () => {
    expect(await ask(t.first)).toEqual(expected());
    expect(lookups()).toEqual(t.people.map(() => 1));
    expect(counting.count('seal', 'b')).toBe(1);
    expect(counting.count('seal', 'e')).toBe(0);
    // In Redis: one sealed blob, and twenty entries that only point into it.
    const [blob, ...more] = await keysOf('b');
    expect(more).toEqual([]);
    expect(await t.redis.get(blob ?? '')).toMatch(/^g1\./);
    const entries = await keysOf('e');
    expect(entries).toHaveLength(SIZE);
    for (const value of await t.redis.mget(...entries)) expect(value).toMatch(/^b\.[\w-]+\.\d+$/);

    resetCounts();
    expect(await ask(second)).toEqual(expected());
    expect(lookups()).toEqual(t.people.map(() => 1)); // all twenty were hits
    expect(counting.count('open', 'b')).toBe(1);
    expect(counting.count('open', 'e')).toBe(0);
    expect(counting.calls.filter((call) => call.operation === 'seal')).toEqual([]);

    // A blob never changes: the instance that wrote it and the one that opened it keep it.
    resetCounts();
    expect(await ask(t.first)).toEqual(expected());
    expect(await ask(second)).toEqual(expected());
    expect(lookups()).toEqual(t.people.map(() => 1));
    // (Only the registry's root entry, the list itself, is opened on each read: one call.)
    expect(counting.calls.filter((call) => call.kind !== 'r')).toEqual([]);
  });

  it('re-fetches only the person a write evicted, and the others still hit', async () => {
    const changed = t.people[5] ?? '';
    const company = t.world.companies.find((c) => c.representative === changed);
    if (company) company.name = 'Workshop 5, renamed';
    await t.first.gateway.cache?.invalidate('business', [{ typename: 'Person', key: changed }]);
    const before = lookups();
    resetCounts();
    expect(await ask(second)).toEqual(expected());
    expect(lookups()).toEqual(before.map((n, i) => (i === 5 ? n + 1 : n)));
    // The one re-fetched was sealed as a batch of its own...
    expect(counting.count('seal', 'b')).toBe(1);
    // ...which the first instance opens once, beside the first batch it already holds.
    resetCounts();
    expect(await ask(t.first)).toEqual(expected());
    expect(lookups()).toEqual(before.map((n, i) => (i === 5 ? n + 1 : n)));
    expect(counting.count('open', 'b')).toBe(1);
  });

  it('takes a tampered blob for a miss, not an error, and fetches its people again', async () => {
    for (const key of await keysOf('b')) {
      const value = (await t.redis.get(key)) ?? '';
      const at = value.lastIndexOf('.') + 4;
      const flipped = value[at] === 'A' ? 'B' : 'A';
      await t.redis.set(key, `${value.slice(0, at)}${flipped}${value.slice(at + 1)}`, 'KEEPTTL');
    }
    const before = lookups();
    // An instance that has not opened the blobs yet reads them from Redis.
    const third = await t.start();
    expect(await ask(third)).toEqual(expected());
    expect(lookups()).toEqual(before.map((n) => n + 1));
  });

  it('takes a pointer moved to another person’s entry for a miss', async () => {
    const entries = await keysOf('e');
    const values = await t.redis.mget(...entries);
    const [a, b] = [entries[0] ?? '', entries[1] ?? ''];
    // Swapped: each entry now points at the other person's entity in the same blob.
    await t.redis.set(a, values[1] ?? '', 'KEEPTTL');
    await t.redis.set(b, values[0] ?? '', 'KEEPTTL');
    const before = lookups().reduce((x, y) => x + y, 0);
    expect(await ask(t.first)).toEqual(expected());
    expect(lookups().reduce((x, y) => x + y, 0)).toBe(before + 2);
  });
});

describe('entries cached for one agency’s grant', () => {
  // `Person.name` is PERSONAL: read only under a grant. Companies are PUBLIC: anyone's.
  const access = new MemoryRegistry()
    .addAgency({ agencyId: 'names', name: 'Names', roles: [], apiKey: 'k-names' })
    .addAgency({ agencyId: 'no-names', name: 'No names', roles: [], apiKey: 'k-no-names' })
    .addPurpose('case-work')
    .grant('names', 'case-work', ['Query.people', 'Person.name'])
    .grant('no-names', 'case-work', ['Query.people']);
  const t = useBatchGateways({ access });
  const as = (apiKey: string) => ({ as: { apiKey }, purpose: 'case-work' });
  const NAMED = `query($ids: [NationalId!]!) { people(nationalIds: $ids) { name companies { name } } }`;
  const UNNAMED = `query($ids: [NationalId!]!) { people(nationalIds: $ids) { companies { name } } }`;

  it('are never served to a caller without the grant, and the rest is shared', async () => {
    const named = await postGraphQL(
      t.first.url,
      { query: NAMED, variables: { ids: t.people } },
      as('k-names'),
    );
    expect(named.body.errors).toBeUndefined();
    expect(named.text).toContain('Resident 3');
    expect(await t.redis.keys(`{${t.prefix}}:b:business:*`)).toHaveLength(1);
    const lookups = new Map(t.world.companyLookups);

    // The same operation, by an agency without the grant: refused, though all of it is cached.
    const refused = await postGraphQL(
      t.first.url,
      { query: NAMED, variables: { ids: t.people } },
      as('k-no-names'),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.data ?? null).toBeNull();
    expect(firstErrorCode(refused.body)).toBe('FORBIDDEN');
    expect(refused.text).not.toContain('Resident');
    // What it may read comes from the same cached batch, and no name comes with it.
    const unnamed = await postGraphQL(
      t.first.url,
      { query: UNNAMED, variables: { ids: t.people } },
      as('k-no-names'),
    );
    expect(unnamed.body.errors).toBeUndefined();
    expect(unnamed.text).toContain('Workshop 3');
    expect(unnamed.text).not.toContain('Resident');
    expect(t.world.companyLookups).toEqual(lookups);
  });
});
