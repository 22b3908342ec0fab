import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, type World } from '@govgraph/datagen';
import { DEFAULT_SUPERGRAPH_PATH } from '@govgraph/gateway';
import {
  addAgency,
  addPurpose,
  grantCoordinates,
  issueApiKey,
  latestAuditRecords,
} from '@govgraph/governance';
import type { Listening } from '@govgraph/server';
import { connectTestRedis, firstErrorCode, TEST_REDIS_URL } from '@govgraph/testing';
import { departments, type Hub, hubConfig, startHub } from '@govgraph/tools';
import { Kind, parse } from 'graphql';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REDIS_URL = TEST_REDIS_URL;
const PEOPLE = 400;
const SEED = 11;
const citizenRecord = readFileSync(
  new URL('../../citizen-record.graphql', import.meta.url),
  'utf8',
);

interface Response<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** Headers of the callers the tests read as (filled by startCachedHub). */
const callers = {
  /** A registered agency granted every type of the graph: what most tests read as. */
  agency: {} as Record<string, string>,
  /** The same grants, and the operator role: may see `extensions.cache`. */
  operator: {} as Record<string, string>,
  /** Granted the business registry only. */
  business: {} as Record<string, string>,
  anonymous: {} as Record<string, string>,
};

async function post<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = callers.agency,
): Promise<Response<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Response<T>;
}

/**
 * The hub as `npm start` runs it with the access policy on, the caches configured by
 * environment like production, and agencies registered as the operator would (on the hub's
 * own store).
 */
async function startCachedHub(env: Record<string, string>): Promise<{
  hub: Hub;
  world: World;
  stop(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-cache-'));
  const all: Record<string, string> = {
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_PEOPLE: String(PEOPLE),
    GOVGRAPH_SEED: String(SEED),
    ...env,
  };
  for (const department of departments) all[`${department.envPrefix}_PORT`] = '0';
  let hub: Hub | undefined;
  const stop = async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    hub = await startHub({ departments, config: hubConfig(departments, all), createWorld });
    const { store, registry } = hub.services;
    await addPurpose(store, {
      code: 'CACHE_TEST',
      description: 'Cache tests of the hub over synthetic data.',
      legalBasis: 'None: synthetic data only.',
    });
    // Acting for the market regulator: it closes the PRICING complaints the tests file.
    const register = async (id: string, grants: string[], roles: string[] = []) => {
      await addAgency(store, {
        id,
        name: `govgraph ${id}`,
        roles,
        department: 'MARKET_REGULATION',
      });
      await grantCoordinates(store, id, 'CACHE_TEST', grants);
      return {
        'x-api-key': (await issueApiKey(store, id)).key,
        'x-purpose': 'CACHE_TEST',
        'x-case-id': 'CT-2026-0001',
        'x-operator-id': 'cache-tester',
      };
    };
    callers.agency = await register('cache-tests', everyObjectType());
    callers.operator = await register('cache-operators', everyObjectType(), ['operator']);
    callers.business = await register('cache-business', ['Query.*', 'LegalEntity.*']);
    await registry.refresh();
    return { hub, world: createWorld({ seed: SEED, people: PEOPLE }), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function everyObjectType(): string[] {
  const supergraph = parse(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'));
  return supergraph.definitions
    .filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .map((d) => `${d.name.value}.*`);
}

async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await keysOf(redis, prefix);
  if (keys.length > 0) await redis.del(...keys);
}

async function keysOf(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  // Cache keys start with the hash tag `{prefix}`, rate-limit keys with the bare prefix.
  for (const pattern of [`{${prefix}}:*`, `${prefix}:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const COMPLAINTS = `query($id: NationalId!) { person(nationalId: $id) {
  name complaintsFiled(first: 100) { totalCount nodes { id status resolution against { creditCode name } } }
} }`;
const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }`;
const RESOLVE = `mutation($input: ResolveComplaintInput!) { resolveComplaint(input: $input) { id status } }`;

interface Filed {
  person: {
    name: string;
    complaintsFiled: {
      totalCount: number;
      nodes: { id: string; status: string; resolution: string | null }[];
    };
  };
}

// The integration suite's queries (test/tests/*.test.ts and citizen-record.graphql) with the
// variables they run with: the answers must not change when caches are on.
function querySuite(world: World): { query: string; variables?: Record<string, unknown> }[] {
  const representative = (i: number) => world.person(world.company(i).representativeIndex);
  const representatives = [...new Set([...world.companies()].map((c) => c.representativeIndex))]
    .slice(0, 30)
    .map((i) => world.person(i).nationalId);
  const suite: { query: string; variables?: Record<string, unknown> }[] = [];
  for (const index of [1, 2, 5, 17, world.company(3).representativeIndex, 250]) {
    suite.push({ query: citizenRecord, variables: { nationalId: world.person(index).nationalId } });
  }
  suite.push(
    {
      query: `query($id: NationalId!) { person(nationalId: $id) {
        name
        representedEntities { totalCount nodes { name creditCode legalRepresentative { name nationalId } } }
      } }`,
      variables: { id: representative(3).nationalId },
    },
    {
      query: `query($code: CreditCode!) { legalEntity(creditCode: $code) {
        name legalRepresentative { name birthDate representedEntities { totalCount } }
      } }`,
      variables: { code: world.company(5).creditCode },
    },
    {
      query: `query($ids: [NationalId!]!) { people(nationalIds: $ids) {
        name spouse { name }
        representedEntities { totalCount nodes { name administrativePenalties { totalCount } legalRepresentative { name } } }
      } }`,
      variables: { ids: representatives },
    },
    {
      query: `query($id: NationalId!) { person(nationalId: $id) {
        name birthDate representedEntities { totalCount }
      } }`,
      variables: { id: world.person(7).nationalId },
    },
    { query: '{ person(nationalId: "11010519491231002X") { name } }' },
    { query: '{ person(nationalId: "110105194912310021") { name } }' },
    { query: COMPLAINTS, variables: { id: world.person(3).nationalId } },
  );
  return suite;
}

describe('the caches over the whole hub, shared through Redis', () => {
  let redis: Redis;
  let t: Awaited<ReturnType<typeof startCachedHub>>;
  const prefix = `test-cache-${randomBytes(4).toString('hex')}`;
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  let other: Listening;
  const a = () => t.hub.graphqlUrl;
  const b = () => `${other.url}/graphql`;

  beforeAll(async () => {
    redis = await connectTestRedis();
    t = await startCachedHub({
      REDIS_URL,
      CACHE_KEY_PREFIX: prefix,
      CACHE_ENCRYPTION_KEYS: keys,
    });
    // A second instance with the first one's settings: the same Redis, prefix and keys.
    other = await t.hub.addGateway();
  });
  afterAll(async () => {
    await t?.stop();
    if (redis) {
      await dropPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it('answers the integration suite exactly as with caches off, cold and then warm', async () => {
    const off = await t.hub.addGateway({ cache: { enabled: false } });
    const fresh = `${prefix}-suite`;
    const on = await t.hub.addGateway({ cache: { redisUrl: REDIS_URL, keyPrefix: fresh } });
    try {
      const suite = querySuite(t.world);
      const run = async (url: string) => {
        const answers: unknown[] = [];
        for (const { query, variables } of suite) {
          const res = await post(`${url}/graphql`, query, variables);
          // Request ids differ per request; everything else must be equal.
          for (const error of res.errors ?? []) delete error.extensions?.requestId;
          answers.push(res);
        }
        return answers;
      };
      const uncached = await run(off.url);
      expect(JSON.stringify(uncached)).toContain(t.world.person(1).name);
      const cold = await run(on.url);
      const warm = await run(on.url);
      expect(cold).toEqual(uncached);
      expect(warm).toEqual(uncached);
      expect(await metric(on.url, 'govgraph_cache_hits_total')).toBeGreaterThanOrEqual(
        suite.length - 2,
      );
    } finally {
      await dropPrefix(redis, fresh);
    }
  });

  it('serves a hit as the very bytes of the cold answer, at its cost, on either instance, POST or GET', async () => {
    const off = await t.hub.addGateway({ cache: { enabled: false } });
    const ids = [3, 8, 13, 21, 34, 55].map((i) => t.world.person(i).nationalId);
    const cases: { query: string; variables: Record<string, unknown> }[] = [
      { query: citizenRecord, variables: { nationalId: t.world.person(40).nationalId } },
      {
        // Aliases, a fragment, a list, __typename, and names in Chinese (UTF-8 beyond ASCII).
        query: `query($ids: [NationalId!]!) { folks: people(nationalIds: $ids) { ...P } }
          fragment P on Person { __typename who: name id: nationalId spouse { name } }`,
        variables: { ids },
      },
    ];
    const send = async (url: string, c: (typeof cases)[number], headers = callers.agency) => {
      const res = c.query.startsWith('query($ids')
        ? await fetch(
            `${url}?query=${encodeURIComponent(c.query)}&variables=${encodeURIComponent(JSON.stringify(c.variables))}`,
            { headers: { ...headers, 'apollo-require-preflight': 'true' } },
          )
        : await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(c),
          });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      return text;
    };
    // A figure of one gateway's /metrics: the first line starting with `series`.
    const figure = async (base: string, series: string) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(series));
      return Number(line?.slice(line.lastIndexOf(' ') + 1) ?? 0);
    };
    // What the cost limit measured on the answers sent (the actual-cost histogram's sum).
    const measured = () => figure(t.hub.gatewayUrl, 'govgraph_operation_cost_sum{measure="actual"');
    const hits = (base: string) => figure(base, 'govgraph_cache_hits_total{cache="response"');
    for (const c of cases) {
      const uncached = await send(`${off.url}/graphql`, c);
      expect(uncached).toMatch(/^\{"data":\{"(person|folks)":/);
      expect(uncached).toContain(t.world.person(c.variables.ids ? 3 : 40).name);
      const before = await measured();
      expect(await send(a(), c)).toBe(uncached); // stored by this instance
      const coldCost = (await measured()) - before;
      expect(coldCost).toBeGreaterThan(0);
      const [hitsA, hitsB] = [await hits(t.hub.gatewayUrl), await hits(other.url)];
      expect(await send(a(), c)).toBe(uncached); // a hit from what it stored
      expect(await send(b(), c)).toBe(uncached); // a hit read from Redis by the other
      expect(await hits(t.hub.gatewayUrl)).toBe(hitsA + 1);
      expect(await hits(other.url)).toBe(hitsB + 1);
      expect((await measured()) - before).toBe(2 * coldCost);
      // An operator's hit carries the cache's workings after the stored data, bytes unchanged.
      const debug = await send(a(), c, { ...callers.operator, 'x-govgraph-debug': 'cache' });
      const data = uncached.slice(0, -2); // without the closing brace and newline
      expect(debug.startsWith(`${data},"extensions":{"cache":{`)).toBe(true);
      expect(JSON.parse(debug).extensions.cache).toMatchObject({ response: 'hit' });
    }
  });

  it('never serves a personal answer an intruder stored plain in Redis', async () => {
    // Write access to Redis without the encryption keys: the intruder points a stored personal
    // answer's key at a plain answer of their own (other data, no subjects for the audit).
    const fresh = `${prefix}-forged`;
    const on = await t.hub.addGateway({ cache: { redisUrl: REDIS_URL, keyPrefix: fresh } });
    const person = t.world.person(41);
    const ask = () =>
      post<{ person: { name: string } }>(
        `${on.url}/graphql`,
        'query($id: NationalId!) { person(nationalId: $id) { name } }',
        { id: person.nationalId },
        { ...callers.operator, 'x-govgraph-debug': 'cache' },
      );
    try {
      // The new instance connects to Redis on its first requests.
      await expect
        .poll(async () => (await ask()).extensions?.cache, { timeout: 5_000 })
        .toMatchObject({ response: 'stored' });
      const [responseKey] = await redis.keys(`{${fresh}}:q:*`);
      expect(responseKey).toBeDefined();
      const id = 'forgedforgedforg';
      const header = JSON.stringify({ s: [], t: [], x: Date.now() + 60_000 });
      await redis.set(
        `{${fresh}}:a:${id}`,
        `p.${responseKey}\n${header}\n{"person":{"name":"Forged"}}`,
        'PX',
        60_000,
      );
      await redis.set(String(responseKey), `a.${id}`, 'PX', 60_000);
      const after = await ask();
      expect(after.data?.person.name).toBe(person.name);
      expect(after.extensions?.cache).toMatchObject({ response: 'stored' });
      // The record of that read names the person: nothing was taken from the forged answer.
      const [record] = await latestAuditRecords(t.hub.services.store, 1);
      expect(record?.subjects).toContain(person.nationalId);
    } finally {
      await dropPrefix(redis, fresh);
    }
  });

  it('shows a write made through one gateway instance at once through the other, every time', async () => {
    const person = t.world.person(12);
    const against = t.world.company(4).creditCode;
    const read = async () => {
      const res = await post<Filed>(a(), COMPLAINTS, { id: person.nationalId });
      expect(res.errors).toBeUndefined();
      return res.data?.person.complaintsFiled;
    };
    const hitsBefore = await metric(t.hub.gatewayUrl, 'govgraph_cache_hits_total');
    for (let round = 0; round < 12; round++) {
      const before = await read();
      expect(await read()).toEqual(before); // the second read is served from the cache
      const filed = await post<{ fileComplaint: { id: string; status: string } }>(b(), FILE, {
        input: {
          complainantNationalId: person.nationalId,
          againstCreditCode: against,
          category: 'PRICING',
          description: `Round ${round}: charged more than the posted price.`,
        },
      });
      expect(filed.errors).toBeUndefined();
      const id = filed.data?.fileComplaint.id;
      const after = await read();
      expect(after?.totalCount).toBe((before?.totalCount ?? 0) + 1);
      expect(after?.nodes.find((n) => n.id === id)?.status).toBe('RECEIVED');

      await read();
      const resolved = await post(b(), RESOLVE, {
        input: { id, outcome: 'RESOLVED', resolution: `Refunded in round ${round}.` },
      });
      expect(resolved.errors).toBeUndefined();
      const closed = (await read())?.nodes.find((n) => n.id === id);
      expect(closed).toMatchObject({
        status: 'RESOLVED',
        resolution: `Refunded in round ${round}.`,
      });
    }
    // The reads between the writes were cache hits, so freshness came from eviction.
    expect(await metric(t.hub.gatewayUrl, 'govgraph_cache_hits_total')).toBeGreaterThan(
      hitsBefore + 12,
    );
    expect(await metric(t.hub.gatewayUrl, 'govgraph_cache_evictions_total')).toBeGreaterThan(0);
  });

  it('answers from the cache only callers the policy allows, and shows its workings to operators', async () => {
    const nationalId = t.world.person(33).nationalId;
    const debug = { 'x-govgraph-debug': 'cache' };
    const asOperator = (n = nationalId) =>
      post<{ person: unknown }>(
        a(),
        citizenRecord,
        { nationalId: n },
        {
          ...callers.operator,
          ...debug,
        },
      );
    const first = await asOperator();
    expect(first.errors).toBeUndefined();
    expect(first.extensions?.cache).toMatchObject({ backend: 'redis', response: 'stored' });
    // Another agency the policy allows the same operation shares the entry...
    const shared = await post(a(), citizenRecord, { nationalId }, { ...callers.agency, ...debug });
    expect(shared.data).toEqual(first.data);
    expect(shared.extensions).toBeUndefined(); // no operator or auditor role: no workings
    expect((await asOperator()).extensions?.cache).toMatchObject({ response: 'hit' });
    // A hit is an access: audited like the first read, marked cached, with the same subjects.
    const [hit, sharedHit, stored] = await latestAuditRecords(t.hub.services.store, 3);
    // (The first read may already have used warm entity entries: `cached` is then true too.)
    expect(stored).toMatchObject({ agencyId: 'cache-operators', outcome: 'ok' });
    expect(sharedHit).toMatchObject({ agencyId: 'cache-tests', cached: true, outcome: 'ok' });
    expect(hit).toMatchObject({ agencyId: 'cache-operators', cached: true, outcome: 'ok' });
    expect(hit?.subjects).toEqual(stored?.subjects);
    expect(hit?.subjects).toContain(nationalId);
    // ...callers it refuses get the refusal, not the cached answer.
    for (const refused of [callers.business, callers.anonymous]) {
      const res = await post(a(), citizenRecord, { nationalId }, refused);
      expect(res.data ?? null).toBeNull();
      expect(firstErrorCode(res)).toBe('FORBIDDEN');
    }
  });

  it('keeps no national ID, name or income in Redis in plain text', async () => {
    const people = [2, 5, t.world.company(3).representativeIndex].map((i) => t.world.person(i));
    const secrets: string[] = [];
    for (const person of people) {
      const res = await post<{
        person: { taxProfile: { years: { declaredIncome: string }[] } | null };
      }>(a(), citizenRecord, { nationalId: person.nationalId });
      expect(res.errors).toBeUndefined();
      secrets.push(person.nationalId, person.name);
      for (const year of res.data?.person.taxProfile?.years ?? []) {
        secrets.push(year.declaredIncome);
      }
    }
    expect(secrets.length).toBeGreaterThan(6);
    const found = await keysOf(redis, prefix);
    const everything: string[] = [];
    for (const key of found) {
      const type = await redis.type(key);
      everything.push(key);
      if (type === 'string') everything.push((await redis.get(key)) ?? '');
      if (type === 'zset') everything.push(...(await redis.zrange(key, '0', '-1')));
    }
    expect(found.length).toBeGreaterThan(10);
    expect(everything.some((v) => v.startsWith('g1.k1.'))).toBe(true);
    const dump = everything.join('\n');
    for (const secret of secrets) expect(dump).not.toContain(secret);
  });
});

describe('the caches with no Redis: an in-process LRU for one instance', () => {
  let t: Awaited<ReturnType<typeof startCachedHub>>;
  beforeAll(async () => {
    t = await startCachedHub({});
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('serves repeated reads from memory and shows a write at once', async () => {
    const person = t.world.person(21);
    const url = t.hub.graphqlUrl;
    const read = async () => (await post<Filed>(url, COMPLAINTS, { id: person.nationalId })).data;
    for (let round = 0; round < 5; round++) {
      const before = await read();
      for (const d of t.hub.departments) d.statements.reset();
      expect(await read()).toEqual(before);
      // Answered from memory: no department ran a statement.
      expect(t.hub.departments.map((d) => d.statements.total)).toEqual(
        t.hub.departments.map(() => 0),
      );
      const filed = await post<{ fileComplaint: { id: string } }>(url, FILE, {
        input: {
          complainantNationalId: person.nationalId,
          againstCreditCode: t.world.company(2).creditCode,
          category: 'SERVICE',
          description: `Round ${round}: the shop would not honour the warranty.`,
        },
      });
      expect(filed.errors).toBeUndefined();
      const after = await read();
      expect(after?.person.complaintsFiled.totalCount).toBe(
        (before?.person.complaintsFiled.totalCount ?? 0) + 1,
      );
    }
    expect(await metric(t.hub.gatewayUrl, 'govgraph_cache_available')).toBe(1);
  });
});
