import { HeaderMap } from '@apollo/server';
import type { AuditEntry } from '@govgraph/governance';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../src/context.js';
import {
  createGatewayServer,
  type GatewayServer,
  type GatewayServerOptions,
} from '../src/index.js';
import { DEFAULT_REQUEST_LIMITS } from '../src/limits/requestLimits.js';
import { SubjectLedger } from '../src/pipeline/SubjectLedger.js';
import {
  business,
  type CacheWorld,
  cacheWorld,
  registry,
} from './support/departments/cacheDepartments.js';
import {
  createHubTester,
  firstError,
  firstErrorCode,
  type HubTester,
  LANTERN,
  LI,
  silentLogger,
  TEA,
  testCallerToken,
  WANG,
  ZHANG,
} from './support/index.js';

const PEOPLE = `query($ids: [NationalId!]!) { people(nationalIds: $ids) { name companies { creditCode name } } }`;

/** A gateway over the two cache fixtures, with the caches as given. */
function useCachedGateway(cache: GatewayServerOptions['cache']) {
  const t = { audited: [] as AuditEntry[] } as {
    audited: AuditEntry[];
    world: CacheWorld;
    hub: HubTester;
  };
  beforeAll(async () => {
    t.world = cacheWorld();
    t.hub = await createHubTester({
      departments: [registry(t.world), business(t.world)],
      gateway: {
        cache,
        audit: {
          log: {
            append: async (entry) => void t.audited.push(entry),
            close: async () => {},
          },
        },
      },
    });
  });
  afterAll(async () => {
    await t.hub?.close();
  });
  return t;
}

/** A request context as the HTTP edge builds it, the policy having allowed the operation. */
function contextOf(caller: GatewayContext['caller'], requestId = 'test'): GatewayContext {
  return {
    requestId,
    correlationId: null,
    limits: { ...DEFAULT_REQUEST_LIMITS },
    access: {
      operationHash: 'x',
      operationName: null,
      coordinates: ['Query.person', 'Person.name', 'Person.companies', 'Company.name'],
      level: 'PERSONAL',
      denied: [],
    },
    logger: silentLogger(),
    caller,
    purpose: null,
    caseId: null,
    operatorId: null,
    ledger: new SubjectLedger(),
  };
}

const operator: GatewayContext['caller'] = {
  kind: 'agency',
  agencyId: 'ops',
  name: 'Platform operations',
  roles: ['operator'],
  credential: 'api-key',
};

describe('the entity cache in the department data source', () => {
  const t = useCachedGateway({ response: false });

  it('asks a department only for the entities it has not cached, and keeps the order', async () => {
    const first = await t.hub.post({ query: PEOPLE, variables: { ids: [WANG, LI] } });
    expect(first.body.errors).toBeUndefined();
    expect(t.world.companyLookups).toEqual(
      new Map([
        [WANG, 1],
        [LI, 1],
      ]),
    );
    const second = await t.hub.post({
      query: PEOPLE,
      variables: { ids: [ZHANG, WANG, LI, WANG] },
    });
    expect(second.body).toEqual({
      data: {
        people: [
          { name: 'Zhang Min', companies: [] },
          { name: 'Wang Fang', companies: [{ creditCode: TEA, name: 'Minjiang Tea Co.' }] },
          { name: 'Li Wei', companies: [{ creditCode: LANTERN, name: 'Beijing Lantern Works' }] },
          { name: 'Wang Fang', companies: [{ creditCode: TEA, name: 'Minjiang Tea Co.' }] },
        ],
      },
    });
    // Only Zhang was a miss; Wang and Li came from the cache.
    expect(t.world.companyLookups).toEqual(
      new Map([
        [WANG, 1],
        [LI, 1],
        [ZHANG, 1],
      ]),
    );
  });

  it('sends concurrent identical misses to the department once', async () => {
    let open: () => void = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const person = `query($id: NationalId!) { person(nationalId: $id) { name companies { name } } }`;
    // A new selection (`companies { name }` under `person`) so nothing of it is cached yet.
    t.world.gate = { nationalId: LI, opened };
    const before = t.world.companyLookups.get(LI) ?? 0;
    const requests = Array.from({ length: 8 }, () =>
      t.hub.post({ query: person, variables: { id: LI } }),
    );
    // Every request has looked the entity up and missed before the department may answer.
    const misses = () => entityMisses(t.hub.url);
    const start = await misses();
    for (let i = 0; i < 500 && (await misses()) - start < 8; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await misses()) - start).toBe(8);
    open();
    const answers = await Promise.all(requests);
    t.world.gate = undefined;
    for (const answer of answers) {
      expect(answer.body).toEqual({
        data: { person: { name: 'Li Wei', companies: [{ name: 'Beijing Lantern Works' }] } },
      });
    }
    expect((t.world.companyLookups.get(LI) ?? 0) - before).toBe(1);
  });

  it('never caches a field whose hint is maxAge 0', async () => {
    const q = `query($id: NationalId!) { person(nationalId: $id) { name visits } }`;
    const one = await t.hub.post({ query: q, variables: { id: ZHANG } });
    const two = await t.hub.post({ query: q, variables: { id: ZHANG } });
    expect(one.body.data).toEqual({ person: { name: 'Zhang Min', visits: 1 } });
    expect(two.body.data).toEqual({ person: { name: 'Zhang Min', visits: 2 } });
  });

  it('does not keep an answer that carried an error, and passes the error on each time', async () => {
    const q = `query($ids: [NationalId!]!) { people(nationalIds: $ids) { name audited } }`;
    const before = t.world.auditedCalls;
    for (let i = 0; i < 2; i++) {
      const { body } = await t.hub.post({ query: q, variables: { ids: [WANG, LI] } });
      expect(body.data).toEqual({
        people: [
          { name: 'Wang Fang', audited: 'checked 110105' },
          { name: 'Li Wei', audited: null },
        ],
      });
      expect(firstError(body).path).toEqual(['people', 1, 'audited']);
      expect(firstErrorCode(body)).toBe('DEPARTMENT_ERROR');
    }
    // Wang's note was cached after the first request; Li's failed and was asked again.
    expect(t.world.auditedCalls - before).toBe(3);
  });

  it('restores the data subjects of entity hits and marks the request cached', async () => {
    // The companies' credit codes are not selected: only the department's report names them.
    const query = `query($ids: [NationalId!]!) { people(nationalIds: $ids) { name companies { name } } }`;
    const run = (requestId: string) =>
      t.hub.server.server.executeOperation(
        { query, variables: { ids: [WANG, LI] } },
        { contextValue: contextOf(operator, requestId) },
      );
    expect(single(await run('entity-first')).errors).toBeUndefined();
    const lookups = new Map(t.world.companyLookups);
    expect(single(await run('entity-second')).errors).toBeUndefined();
    expect(t.world.companyLookups).toEqual(lookups);
    const [first, second] = ['entity-first', 'entity-second'].map((id) =>
      t.audited.find((entry) => entry.requestId === id),
    );
    expect(second).toMatchObject({ cached: true, outcome: 'ok' });
    expect(second?.subjects).toEqual(first?.subjects);
    expect(second?.subjects).toEqual(expect.arrayContaining([TEA, LANTERN]));
  });

  it('counts hits and misses per department and type on /metrics', async () => {
    const text = await (await fetch(`${t.hub.url}/metrics`)).text();
    expect(text).toMatch(
      /govgraph_cache_hits_total\{cache="entity",department="business",type="Person"\} [1-9]/,
    );
    expect(text).toMatch(
      /govgraph_cache_misses_total\{cache="entity",department="business",type="Person"\} [1-9]/,
    );
    expect(text).toMatch(/govgraph_cache_available\{backend="memory"\} 1/);
  });
});

describe('the response cache', () => {
  const t = useCachedGateway({});
  afterEach(() => {
    t.world.names.set(WANG, 'Wang Fang');
  });

  const q = `query($id: NationalId!) { person(nationalId: $id) { name companies { name } } }`;
  const run = (context: GatewayContext, id = WANG, debug = true) =>
    t.hub.server.server.executeOperation(
      {
        query: q,
        variables: { id },
        ...(debug ? { http: debugRequest() } : {}),
      },
      { contextValue: context },
    );

  it('answers a repeated query whole, restoring its data subjects and marking it cached', async () => {
    const stored = single(await run(contextOf(operator, 'first')));
    expect(stored.extensions?.cache).toMatchObject({ backend: 'memory', response: 'stored' });
    const lookups = t.world.companyLookups.get(WANG);

    const hit = single(await run(contextOf(operator, 'second')));
    expect(hit.data).toEqual(stored.data);
    expect(hit.data).toEqual({
      person: { name: 'Wang Fang', companies: [{ name: 'Minjiang Tea Co.' }] },
    });
    expect(hit.extensions?.cache).toMatchObject({ response: 'hit' });
    expect(t.world.companyLookups.get(WANG)).toBe(lookups);
    // The hit is an access like the first read: audited, marked cached, with the same subjects.
    const [first, second] = ['first', 'second'].map((id) =>
      t.audited.find((entry) => entry.requestId === id),
    );
    expect(first).toMatchObject({ cached: false, outcome: 'ok' });
    expect(second).toMatchObject({ cached: true, outcome: 'ok', subjects: first?.subjects });
    expect(second?.subjects).toContain(WANG);
  });

  it('shows extensions.cache only to an agency with the operator or auditor role', async () => {
    const auditor = { ...operator, roles: ['auditor'] };
    const clerk = { ...operator, roles: ['clerk'] };
    expect(single(await run(contextOf(auditor))).extensions?.cache).toMatchObject({
      response: 'hit',
    });
    expect(single(await run(contextOf(clerk))).extensions).toBeUndefined();
    expect(single(await run(contextOf({ kind: 'anonymous' }))).extensions).toBeUndefined();
    expect(single(await run(contextOf(operator), WANG, false)).extensions).toBeUndefined();
  });

  it('never answers from the cache an operation the policy denied', async () => {
    const denied = contextOf(operator);
    denied.access = {
      operationHash: 'x',
      operationName: null,
      coordinates: ['Query.person', 'Person.name'],
      level: 'PERSONAL',
      denied: [{ coordinate: 'Person.name', reason: 'no grant' }],
    };
    denied.requestId = 'denied';
    const result = single(await run(denied));
    expect(result.extensions?.cache).toMatchObject({ response: 'bypass' });
    expect(t.audited.find((e) => e.requestId === 'denied')).toMatchObject({
      cached: false,
      outcome: 'denied',
    });
  });

  it('drops what a committed write made stale, in both caches', async () => {
    single(await run(contextOf(operator)));
    t.world.names.set(WANG, 'Wang Fang-Li');
    await t.hub.server.cache?.invalidate('registry', [{ typename: 'Person', key: WANG }]);
    const after = single(await run(contextOf(operator)));
    expect(after.data).toEqual({
      person: { name: 'Wang Fang-Li', companies: [{ name: 'Minjiang Tea Co.' }] },
    });
    expect(after.extensions?.cache).toMatchObject({ response: 'stored' });
    const text = await (await fetch(`${t.hub.url}/metrics`)).text();
    expect(text).toMatch(
      /govgraph_cache_evictions_total\{department="registry",type="Person"\} [1-9]/,
    );
  });

  it('is off entirely with { enabled: false }', () => {
    const off = createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: t.hub.supergraph.path,
      logger: silentLogger(),
      cache: { enabled: false },
    });
    expect(off.cache).toBeUndefined();
  });
});

function debugRequest() {
  return {
    method: 'POST',
    headers: new HeaderMap([['x-govgraph-debug', 'cache']]),
    search: '',
    body: {},
  };
}

function single(response: Awaited<ReturnType<GatewayServer['server']['executeOperation']>>) {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

async function entityMisses(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('govgraph_cache_misses_total{cache="entity"'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
