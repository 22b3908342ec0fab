import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setAgencyLimits } from '@govgraph/governance';
import { connectTestRedis, firstErrorCode, TEST_REDIS_URL } from '@govgraph/testing';
import { registerSyntheticAgency, syntheticAgencyHeaders } from '@govgraph/tools';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// Demand control through the real hub (docs/limits.md, "Demand control (cost)").
const citizenRecord = readFileSync(
  new URL('../../citizen-record.graphql', import.meta.url),
  'utf8',
);
const supergraph = readFileSync(
  new URL('../../gateway/supergraph.graphql', import.meta.url),
  'utf8',
);
const DEFAULT_MAX_COST = 15_000;
const AGENCY = {
  id: 'cost-tests',
  name: 'govgraph cost tests',
  purpose: 'COST_TEST',
  description: 'Demand-control tests of the hub over synthetic data.',
};

interface Sent {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** 25 levels of companies and their representatives: the answer doubles at every level. */
const representedNesting = (levels: number, first = '') =>
  Array.from({ length: levels }).reduce<string>(
    (inner) => `representedEntities${first} { nodes { legalRepresentative { name ${inner} } } }`,
    'name',
  );

/** Every level asks for both parents and children: ×(2 + 6) a level in the estimate. */
const family = (levels: number): string =>
  levels === 0
    ? 'name'
    : `name parents { ${family(levels - 1)} } children { ${family(levels - 1)} }`;

/** One level asks for parents, the next for children, alternately. */
const alternating = (levels: number): string =>
  levels === 0 ? 'name' : `${levels % 2 ? 'parents' : 'children'} { ${alternating(levels - 1)} }`;

describe('demand control (cost) through the hub', () => {
  let t: TestHub;
  let headers: Record<string, string>;
  let nationalId: string;

  const send = async (
    init: { method?: string; body?: string; search?: string },
    url = t.hub.graphqlUrl,
  ): Promise<Sent> => {
    const res = await fetch(`${url}${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.method === 'GET' ? { 'apollo-require-preflight': 'true' } : {}),
        ...headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    return { status: res.status, body: (await res.json()) as Sent['body'] };
  };
  const post = (query: string, variables?: Record<string, unknown>, url?: string) =>
    send({ body: JSON.stringify({ query, variables }) }, url);

  /** Runs `act` and returns the SQL statements every department made meanwhile. */
  const statementsDuring = async (act: () => Promise<unknown>): Promise<number> => {
    for (const d of t.hub.departments) d.statements.reset();
    await act();
    return t.hub.departments.reduce((sum, d) => sum + d.statements.total, 0);
  };

  const expectRefused = (sent: Sent, limit = DEFAULT_MAX_COST) => {
    expect(sent.status).toBe(400);
    expect(sent.body.data ?? undefined).toBeUndefined();
    const [error] = sent.body.errors ?? [];
    expect(error?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    const cost = error?.extensions?.cost as { estimated: number; limit: number };
    expect(cost.limit).toBe(limit);
    expect(cost.estimated).toBeGreaterThan(limit);
    expect(error?.message).toMatch(/lower `first`.*raise the agency's cost limit/);
    return cost;
  };

  beforeAll(async () => {
    t = await startTestHub('sqlite', 400);
    headers = syntheticAgencyHeaders(
      AGENCY,
      await registerSyntheticAgency(t.hub.services, supergraph, AGENCY),
    );
    // Depth, alias and token limits refuse these documents first (docs/limits.md); raised for
    // this agency so that what is tested here is the cost estimate alone.
    await setAgencyLimits(t.hub.services.store, AGENCY.id, {
      maxDepth: 64,
      maxAliases: 2_000,
      maxTokens: 50_000,
    });
    await t.hub.services.registry.refresh();
    nationalId = t.world.person(t.world.company(3).representativeIndex).nationalId;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers the citizen record, and its estimate is at least its actual cost, person after person', async () => {
    // Company representatives (companies, homes, tax) and people at random (children too).
    const people = [3, 10, 25, 39].map((c) => t.world.company(c).representativeIndex);
    people.push(5, 6, 7, 150);
    for (const index of people) {
      const before = await costMetrics(t.hub.gatewayUrl);
      const sent = await post(citizenRecord, { nationalId: t.world.person(index).nationalId });
      expect(sent.status).toBe(200);
      expect(sent.body.errors).toBeUndefined();
      const after = await costMetrics(t.hub.gatewayUrl);
      const estimated = after.estimated.sum - before.estimated.sum;
      const actual = after.actual.sum - before.actual.sum;
      expect(after.estimated.count - before.estimated.count).toBe(1);
      expect(after.actual.count - before.actual.count).toBe(1);
      expect(actual).toBeGreaterThan(1);
      expect(estimated).toBeGreaterThanOrEqual(actual);
      // Headroom: the default limit is far above what the record may cost.
      expect(estimated * 10).toBeLessThan(DEFAULT_MAX_COST);
    }
  });

  it('refuses 20 levels of representedEntities before any department is called', async () => {
    // 25 levels are over even the highest depth an agency may have (64, docs/limits.md); 20
    // levels (depth 62) are within this agency's raised depth, and still refused on cost.
    const query = `query($id: NationalId!) { person(nationalId: $id) { ${representedNesting(20)} } }`;
    const before = await costMetrics(t.hub.gatewayUrl);
    let sent: Sent | undefined;
    expect(await statementsDuring(async () => (sent = await post(query, { id: nationalId })))).toBe(
      0,
    );
    if (!sent) throw new Error('no answer');
    expectRefused(sent);
    // Counted as an estimate and a refusal; nothing ran, so no actual cost.
    const after = await costMetrics(t.hub.gatewayUrl);
    expect(after.estimated.count - before.estimated.count).toBe(1);
    expect(after.actual.count - before.actual.count).toBe(0);
    expect(after.refusals - before.refusals).toBe(1);
  });

  it('refuses 8 levels of parents and children, nested directly, by fragments and by inline fragments', async () => {
    const direct = `query($id: NationalId!) { person(nationalId: $id) { ${family(8)} } }`;
    const alternated = `query($id: NationalId!) { person(nationalId: $id) { ${alternating(8)} } }`;
    const fragments = `query($id: NationalId!) { person(nationalId: $id) { ...L8 } }
      ${Array.from({ length: 8 }, (_, i) => `fragment L${i + 1} on Person { name parents { ...L${i} } children { ...L${i} } }`).join('\n')}
      fragment L0 on Person { name }`;
    const inline = `query($id: NationalId!) { person(nationalId: $id) { ${family(8).replaceAll('{ name', '{ ... on Person { name').replaceAll('}', '} }')} } }`;
    for (const query of [direct, alternated, fragments, inline]) {
      let sent: Sent | undefined;
      expect(
        await statementsDuring(async () => (sent = await post(query, { id: nationalId }))),
      ).toBe(0);
      if (!sent) throw new Error('no answer');
      expectRefused(sent);
    }
    // Two levels of the same answer well within the limit.
    const shallow = await post(
      `query($id: NationalId!) { person(nationalId: $id) { ${family(2)} } }`,
      { id: nationalId },
    );
    expect(shallow.body.errors).toBeUndefined();
  });

  it('leaves an operation the policy denies to the policy: FORBIDDEN, and no estimate shown', async () => {
    const query = `{ person(nationalId: "${nationalId}") { ${family(8)} } }`;
    const res = await fetch(t.hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as Sent['body'];
    expect(res.status).toBe(403);
    expect(firstErrorCode(body)).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain('"cost"');
  });

  it('counts every alias of a list: one page passes, 200 aliased copies are refused', async () => {
    const page = 'searchLegalEntities(name: "有限", first: 100) { nodes { name } }';
    const one = await post(`{ ${page} }`);
    expect(one.body.errors).toBeUndefined();
    const many = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: ${page}`).join(' ')} }`;
    let sent: Sent | undefined;
    expect(await statementsDuring(async () => (sent = await post(many)))).toBe(0);
    if (!sent) throw new Error('no answer');
    expect(expectRefused(sent).estimated).toBe(200 * (10 + 100));
  });

  it('takes first from variables and variable defaults, and counts an omitted first as 20', async () => {
    const nested = `query($id: NationalId!, $n: Int = 100) { person(nationalId: $id) {
      representedEntities(first: $n) { nodes { legalRepresentative {
        representedEntities(first: $n) { nodes { administrativePenalties(first: $n) { nodes { kind } } } } } } } } }`;
    expectRefused(await post(nested, { id: nationalId }));
    expectRefused(await post(nested, { id: nationalId, n: 50 }));
    const small = await post(nested, { id: nationalId, n: 3 });
    expect(small.body.errors).toBeUndefined();
    // Three levels at the default page of 20 are over; the same with first: 5 is not.
    const omitted = `query($id: NationalId!) { person(nationalId: $id) { ${representedNesting(3)} } }`;
    expectRefused(await post(omitted, { id: nationalId }));
    const paged = `query($id: NationalId!) { person(nationalId: $id) { ${representedNesting(3, '(first: 5)')} } }`;
    expect((await post(paged, { id: nationalId })).body.errors).toBeUndefined();
  });

  it('costs a document again for every page size: a cheap request first makes no later one cheap', async () => {
    // The gateway keeps each document's estimate across requests (limits/costFigures.ts); an
    // attacker warms it with a small page, then sends the same text with a huge one, and then
    // floods it with other values to push the small one out and back in.
    const nested = `query($id: NationalId!, $n: Int, $deep: Boolean = false) { person(nationalId: $id) {
      representedEntities(first: $n) { nodes { legalRepresentative {
        representedEntities(first: $n) @include(if: $deep) { nodes { administrativePenalties(first: $n) { nodes { kind } } } } } } } } }`;
    const small = await post(nested, { id: nationalId, n: 3, deep: true });
    expect(small.body.errors).toBeUndefined();
    expectRefused(await post(nested, { id: nationalId, n: 100, deep: true }));
    // The same page with the costly branch left out, then in through its default and a variable.
    expect((await post(nested, { id: nationalId, n: 100 })).body.errors).toBeUndefined();
    expectRefused(await post(nested, { id: nationalId, n: 100, deep: true }));
    for (let n = 1; n <= 70; n += 1) await post(nested, { id: nationalId, n: n % 4, deep: n > 66 });
    expect((await post(nested, { id: nationalId, n: 3, deep: true })).body.errors).toBeUndefined();
    expectRefused(await post(nested, { id: nationalId, n: 100, deep: true }));
  });

  it('refuses the same operation sent as GET', async () => {
    const query = `{ person(nationalId: "${nationalId}") { ${family(8)} } }`;
    let sent: Sent | undefined;
    const statements = await statementsDuring(
      async () =>
        (sent = await send({ method: 'GET', search: `?query=${encodeURIComponent(query)}` })),
    );
    expect(statements).toBe(0);
    if (!sent) throw new Error('no answer');
    expectRefused(sent);
  });

  it('runs nothing of a batched array body holding a refused operation', async () => {
    const body = JSON.stringify([
      { query: '{ searchLegalEntities(name: "有限", first: 1) { nodes { name } } }' },
      { query: `{ person(nationalId: "${nationalId}") { ${family(8)} } }` },
    ]);
    let sent: Sent | undefined;
    expect(await statementsDuring(async () => (sent = await send({ body })))).toBe(0);
    // Batching is off: the array is refused whole (docs/access.md); nothing is answered.
    expect(sent?.status).toBe(400);
    expect(JSON.stringify(sent?.body)).not.toContain('"data"');
  });

  it('answers GraphiQL’s introspection, and refuses its walk repeated by aliases', async () => {
    const full = await post(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        inputValueDeprecation: true,
      }),
    );
    expect(full.body.errors).toBeUndefined();
    // graphql-js refuses nesting `fields` more than 3 deep; aliases are what is left to repeat the
    // walk. Three copies cost about 3× the full query, over the allowance of twice its cost.
    const fragments = getIntrospectionQuery().slice(
      getIntrospectionQuery().indexOf('fragment FullType'),
    );
    const copies = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: __schema { types { ...FullType } }`).join(' ')} } ${fragments}`;
    expect((await post(copies(1))).body.errors).toBeUndefined();
    const sent = await post(copies(3));
    expect(sent.status).toBe(400);
    expect(firstErrorCode(sent.body)).toBe('COST_LIMIT_EXCEEDED');
  });

  it('refuses an operation over the limit even when its answer is in the shared response cache', async () => {
    const redis = await connectTestRedis();
    const keyPrefix = `govgraph-cost-test-${process.pid}-${Date.now()}`;
    // Shared Redis and sealing key: what one instance caches, the others can serve.
    const encryptionKeys = [{ id: 'cost-test', key: randomBytes(32) }];
    const cache = { redisUrl: TEST_REDIS_URL, keyPrefix, encryptionKeys };
    try {
      const generous = await t.hub.addGateway({ cache });
      const strict = await t.hub.addGateway({ cache, limits: { maxCost: 30 } });
      const query =
        '{ searchLegalEntities(name: "有限", first: 50) { totalCount nodes { name } } }';
      const cold = await post(query, undefined, `${generous.url}/graphql`);
      expect(cold.body.errors).toBeUndefined();
      // The entry is written after the answer leaves: ask again until one is served from it.
      for (let i = 0; i < 50 && (await responseCacheHits(generous.url)) === 0; i++) {
        const warm = await post(query, undefined, `${generous.url}/graphql`);
        expect(warm.body).toEqual(cold.body);
      }
      expect(await responseCacheHits(generous.url)).toBeGreaterThan(0);
      // A fresh instance answers its first request before its Redis connection is up: one
      // cheap query first, so the cache is reachable when the costly one comes.
      const warmUp = '{ searchLegalEntities(name: "有限", first: 1) { totalCount } }';
      expect((await post(warmUp, undefined, `${strict.url}/graphql`)).body.errors).toBeUndefined();
      const lookups = await responseCacheLookups(strict.url);
      let sent: Sent | undefined;
      const statements = await statementsDuring(
        async () => (sent = await post(query, undefined, `${strict.url}/graphql`)),
      );
      expect(statements).toBe(0);
      if (!sent) throw new Error('no answer');
      expect(expectRefused(sent, 30).estimated).toBe(10 + 50);
      // The refused query never reached the cache: no lookup, no hit.
      expect(await responseCacheLookups(strict.url)).toBe(lookups);
      expect(await responseCacheHits(strict.url)).toBe(0);
      // The entry was there to be served: a third instance within the limit answers from it.
      const another = await t.hub.addGateway({ cache });
      await post(warmUp, undefined, `${another.url}/graphql`);
      expect(await statementsDuring(() => post(query, undefined, `${another.url}/graphql`))).toBe(
        0,
      );
      expect(await responseCacheHits(another.url)).toBe(1);
    } finally {
      // Cache keys start with the hash tag `{prefix}`, rate-limit keys with the bare prefix.
      const keys = [
        ...(await redis.keys(`${keyPrefix}*`)),
        ...(await redis.keys(`{${keyPrefix}}*`)),
      ];
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });
});

interface Histogram {
  sum: number;
  count: number;
}

/** The gateway's `govgraph_operation_cost` histogram for queries, from its `/metrics`. */
async function costMetrics(
  gatewayUrl: string,
): Promise<{ estimated: Histogram; actual: Histogram; refusals: number }> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const read = (measure: string, part: 'sum' | 'count') => {
    const line = text
      .split('\n')
      .find((l) =>
        l.startsWith(`govgraph_operation_cost_${part}{measure="${measure}",operation="query"}`),
      );
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  return {
    estimated: { sum: read('estimated', 'sum'), count: read('estimated', 'count') },
    actual: { sum: read('actual', 'sum'), count: read('actual', 'count') },
    refusals: Number(
      text.match(/^govgraph_cost_refusals_total\{operation="query"\} (\S+)$/m)?.[1] ?? 0,
    ),
  };
}

async function responseCacheHits(gatewayUrl: string, counter = 'hits'): Promise<number> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (l) => l.startsWith(`govgraph_cache_${counter}_total{`) && l.includes('cache="response"'),
    )
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

async function responseCacheLookups(gatewayUrl: string): Promise<number> {
  return (await responseCacheHits(gatewayUrl)) + (await responseCacheHits(gatewayUrl, 'misses'));
}
