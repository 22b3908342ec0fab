import { randomUUID } from 'node:crypto';
import type { Listening } from '@govgraph/server';
import { connectTestRedis, privateRedis } from '@govgraph/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createGatewayServer,
  type GatewayServer,
  type GatewayServerOptions,
  type RateLimitOptions,
} from '../src/index.js';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  CITY_TAX,
  callerHeaders,
  composeSupergraph,
  firstError,
  firstErrorCode,
  type GraphQLResponse,
  LI,
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

const TAX = callerHeaders({ as: CITY_TAX, purpose: TAX_ASSESSMENT });
const AS_POLICE = callerHeaders({ as: POLICE, purpose: TAX_ASSESSMENT });
const PUBLIC_QUERY = '{ notices { title } }';
const NAME_QUERY = `{ person(nationalId: "${WANG}") { name } }`;

// Budgets are counted over a window of `windowSeconds`; these tests use windows of several
// seconds so that a burst sent by the test falls in one window however slow the machine is
// (a 1 s window could close half-way through a burst and let a second budget through).
const WINDOW = 10;

interface Answer {
  status: number;
  retryAfter: string | null;
  cacheControl: string | null;
  body: GraphQLResponse;
}

describe('per-caller rate limits', () => {
  let people: RunningFixture;
  let tax: RunningFixture;
  let file: TempFile;
  let registry: MemoryRegistry;
  let redis: Redis;
  const audit = new MemoryAuditLog();
  const open: Listening[] = [];
  const prefixes: string[] = [];
  const fetches = () => people.requests.length + tax.requests.length;

  const freshPrefix = () => {
    const prefix = `govgraph-test:rate:${randomUUID()}`;
    prefixes.push(prefix);
    return prefix;
  };

  /** A gateway with the given rate-limit settings (a fresh key prefix unless one is given). */
  const gateway = async (
    rateLimit: RateLimitOptions,
    extra: Partial<GatewayServerOptions> = {},
  ): Promise<{ url: string; server: GatewayServer }> => {
    const server = createGatewayServer({
      supergraphPath: file.path,
      logger: silentLogger(),
      access: { registry, signer: testCallerToken.signer },
      audit: { log: audit },
      rateLimit: { windowSeconds: WINDOW, keyPrefix: freshPrefix(), ...rateLimit },
      ...extra,
    });
    const listening = await server.listen(0);
    open.push(listening);
    return { url: `${listening.url}/graphql`, server };
  };

  const ask = async (
    url: string,
    query: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const { status, headers: h, body } = await postGraphQL(url, query, { headers });
    return { status, retryAfter: h.get('retry-after'), cacheControl: h.get('cache-control'), body };
  };

  const statuses = (answers: readonly Answer[]) => answers.map((a) => a.status);
  const passed = (answers: readonly Answer[]) => answers.filter((a) => a.status === 200).length;

  beforeAll(async () => {
    redis = await connectTestRedis();
    people = await startFixture(residents);
    tax = await startFixture(taxes);
    file = await tempSupergraph(composeSupergraph([people, tax]));
    registry = new MemoryRegistry()
      .addAgency(CITY_TAX)
      .addAgency(POLICE)
      .addPurpose(TAX_ASSESSMENT)
      .grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Query.person', 'Person.name'])
      .grant(POLICE.agencyId, TAX_ASSESSMENT, ['Query.person', 'Person.name'])
      .setCitizenCoordinates(['Query.person', 'Person.name', 'Person.nationalId']);
  });

  beforeEach(() => {
    audit.entries = [];
  });

  afterAll(async () => {
    for (const listening of open) await listening.close();
    await people?.close();
    await tax?.close();
    await file?.remove();
    if (redis) {
      for (const prefix of prefixes) {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
      }
      redis.disconnect();
    }
  });

  it('shares one budget between two gateway instances through Redis, and refuses with 429, Retry-After and RATE_LIMITED', async () => {
    const keyPrefix = freshPrefix();
    const shared = { redisUrl: 'redis://127.0.0.1:6379', keyPrefix };
    const limits = { requestsPerSecond: 1 };
    const a = await gateway(shared, { limits });
    const b = await gateway(shared, { limits });
    const before = fetches();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => ask(i % 2 ? a.url : b.url, NAME_QUERY, TAX)),
    );
    // 1 request/s over a 10 s window: 10 in all, whichever instance they reached.
    expect(passed(answers)).toBe(WINDOW);
    expect(fetches() - before).toBe(WINDOW);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(statuses(refused)).toEqual(Array(20).fill(429));
    for (const { retryAfter, cacheControl, body } of refused) {
      const seconds = Number(retryAfter);
      expect(cacheControl).toBe('private, no-store');
      expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= WINDOW).toBe(true);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(firstError(body).message).toMatch(
        /Retry in \d+ s.*raises the agency's requestsPerSecond/,
      );
      expect(firstError(body).extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfterSeconds: seconds,
        limit: { name: 'requestsPerSecond', max: 1 },
        requestId: expect.any(String),
      });
    }
    // Nothing refused was audited: only the ten answered reads are on record.
    expect(audit.entries).toHaveLength(WINDOW);
    // Another agency has a budget of its own.
    expect((await ask(a.url, NAME_QUERY, AS_POLICE)).status).toBe(200);
    // The Redis keys name the agency, and the instances counted in one key.
    const keys = await redis.keys(`${keyPrefix}:*`);
    expect(keys.sort()).toEqual([
      `${keyPrefix}:costPerSecond:50000:agency:city-tax`,
      `${keyPrefix}:costPerSecond:50000:agency:police`,
      `${keyPrefix}:requestsPerSecond:1:agency:city-tax`,
      `${keyPrefix}:requestsPerSecond:1:agency:police`,
    ]);
  });

  it('charges a batched request one per operation, and GET like POST', async () => {
    const { url } = await gateway({}, { limits: { requestsPerSecond: 1 } });
    // A batch of 8 operations spends 8 of the 10 (Apollo then refuses the batch itself).
    const batch = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TAX },
      body: JSON.stringify(Array.from({ length: 8 }, () => ({ query: NAME_QUERY }))),
    });
    expect(batch.status).not.toBe(429);
    const get = () =>
      fetch(`${url}?query=${encodeURIComponent(NAME_QUERY)}`, {
        headers: { ...TAX, 'apollo-require-preflight': 'true' },
      });
    expect((await get()).status).toBe(200);
    expect((await ask(url, NAME_QUERY, TAX)).status).toBe(200);
    const refusedGet = await get();
    expect(refusedGet.status).toBe(429);
    expect(Number(refusedGet.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await ask(url, NAME_QUERY, TAX)).status).toBe(429);
    // A batch larger than what is left is refused whole, before any operation is parsed.
    const big = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...AS_POLICE },
      body: JSON.stringify(Array.from({ length: 11 }, () => ({ query: NAME_QUERY }))),
    });
    expect(big.status).toBe(429);
    const body = (await big.json()) as GraphQLResponse;
    expect(firstErrorCode(body)).toBe('RATE_LIMITED');
  });

  it('counts aliases as one request, but charges their estimated cost to the cost budget', async () => {
    const { url } = await gateway({}, { limits: { requestsPerSecond: 100, costPerSecond: 1 } });
    const aliased = `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: person(nationalId: "${WANG}") { name }`).join(' ')} }`;
    // Ten people cost 10 (one per object) against 1 × 10 = 10 of cost per window: one aliased
    // operation spends it all.
    const first = await ask(url, aliased, TAX);
    expect(first.status).toBe(200);
    expect(audit.entries).toHaveLength(1);
    const before = fetches();
    const second = await ask(url, NAME_QUERY, TAX);
    expect(second.status).toBe(429);
    expect(Number(second.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(second.cacheControl).toBe('private, no-store');
    expect(firstError(second.body).extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(second.retryAfter),
      limit: { name: 'costPerSecond', max: 1 },
      requestId: expect.any(String),
    });
    // Refused before planning: no department was called, and no read was recorded.
    expect(fetches()).toBe(before);
    expect(audit.entries).toHaveLength(1);
    // Fragments, inline fragments and variables do not make the same fields cheaper.
    const viaFragment = await postGraphQL(
      url,
      {
        query:
          'query Q($id: NationalId!) { ...F } fragment F on Query { person(nationalId: $id) { name } }',
        variables: { id: LI },
      },
      { headers: TAX },
    );
    expect(viaFragment.status).toBe(429);
    const inline = `{ ... on Query { person(nationalId: "${LI}") { name } } }`;
    expect((await ask(url, inline, TAX)).status).toBe(429);
    // Another agency's cost budget is its own.
    expect((await ask(url, inline, AS_POLICE)).status).toBe(200);
  });

  it('charges answers replayed from the response cache like any other', async () => {
    const { url } = await gateway({}, { limits: { costPerSecond: 1 }, cache: {} });
    // NAME_QUERY costs 1 (one person): ten fit in the 10 of cost per window, cached or not.
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++) answers.push(await ask(url, NAME_QUERY, TAX));
    expect(statuses(answers)).toEqual([...Array<number>(10).fill(200), 429, 429]);
    expect(people.requests.length).toBeGreaterThan(0);
    expect(audit.entries).toHaveLength(10);
  });

  it('lets one operation costing more than the whole budget spend all of it, once per window', async () => {
    const { url } = await gateway({}, { limits: { costPerSecond: 1 } });
    // Fifteen people cost 15, more than the 10 of a whole window.
    const aliased = `{ ${Array.from({ length: 15 }, (_, i) => `p${i}: person(nationalId: "${WANG}") { name }`).join(' ')} }`;
    expect((await ask(url, aliased, TAX)).status).toBe(200);
    const next = await ask(url, NAME_QUERY, TAX);
    expect(next.status).toBe(429);
    expect(Number(next.retryAfter)).toBeLessThanOrEqual(WINDOW);
  });

  it('charges no cost for a denied operation: it is refused as FORBIDDEN and audited as denied', async () => {
    const { url } = await gateway({}, { limits: { costPerSecond: 1 } });
    const denied = `{ ${Array.from({ length: 30 }, (_, i) => `p${i}: person(nationalId: "${WANG}") { health }`).join(' ')} }`;
    const answer = await ask(url, denied, TAX);
    expect(answer.status).toBe(403);
    expect(firstErrorCode(answer.body)).toBe('FORBIDDEN');
    expect(audit.entries.map((entry) => entry.outcome)).toEqual(['denied']);
    // The 10 of cost in the window are still there to spend.
    expect((await ask(url, NAME_QUERY, TAX)).status).toBe(200);
  });

  it('limits anonymous callers per client address; X-Forwarded-For counts only from a trusted proxy', async () => {
    const direct = await gateway({}, { limits: { requestsPerSecond: 1 } });
    const spoofed = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        ask(direct.url, PUBLIC_QUERY, { 'x-forwarded-for': `203.0.113.${i}` }),
      ),
    );
    expect(passed(spoofed)).toBe(WINDOW);
    // Health, readiness and metrics are never limited.
    const base = direct.url.replace(/\/graphql$/, '');
    for (const path of ['/health', '/ready', '/metrics']) {
      expect((await fetch(`${base}${path}`)).status).toBe(200);
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /govgraph_rate_limit_refusals_total\{limit="requestsPerSecond",caller="anonymous"\} 5/,
    );

    const proxied = await gateway(
      { trustedProxies: ['127.0.0.1', '::1'] },
      { limits: { requestsPerSecond: 1 } },
    );
    const fromOne = (address: string) =>
      Promise.all(
        Array.from({ length: 12 }, () =>
          ask(proxied.url, PUBLIC_QUERY, { 'x-forwarded-for': `198.51.100.77, ${address}` }),
        ),
      );
    // The proxy appends the address it saw: the right-most entry is the client.
    expect(passed(await fromOne('203.0.113.1'))).toBe(WINDOW);
    expect(passed(await fromOne('203.0.113.2'))).toBe(WINDOW);
  });

  it('charges requests refused for a bad credential to the client address, so keys cannot be guessed freely', async () => {
    const { url } = await gateway({}, { limits: { requestsPerSecond: 1 } });
    const guesses = [];
    for (let i = 0; i < 12; i++)
      guesses.push(await ask(url, PUBLIC_QUERY, { 'x-api-key': `guess-${i}` }));
    expect(statuses(guesses)).toEqual([...Array(10).fill(401), 429, 429]);
    expect(firstErrorCode(guesses[11]?.body ?? {})).toBe('RATE_LIMITED');
    // The address's anonymous budget is the one spent.
    expect((await ask(url, PUBLIC_QUERY)).status).toBe(429);
    // An agency calling from the same address keeps its own.
    expect((await ask(url, NAME_QUERY, TAX)).status).toBe(200);
  });

  it('charges key guesses through /catalog.json to the same address budget as /graphql', async () => {
    const { url } = await gateway({}, { limits: { requestsPerSecond: 1 } });
    const catalog = url.replace(/\/graphql$/, '/catalog.json');
    const guesses: { status: number; retryAfter: string | null; code?: unknown }[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(catalog, { headers: { 'x-api-key': `guess-${i}` } });
      const body = (await res.json()) as GraphQLResponse;
      guesses.push({
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        code: firstErrorCode(body),
      });
    }
    expect(guesses.map((g) => g.status)).toEqual([...Array(10).fill(401), 429, 429]);
    expect(guesses[11]).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(String) });
    // Guessing on the catalog spent the same budget a guess on /graphql would.
    expect((await ask(url, PUBLIC_QUERY)).status).toBe(429);
  });

  it('limits citizens per person, and keeps national IDs out of Redis', async () => {
    const keyPrefix = freshPrefix();
    const { url } = await gateway(
      { redisUrl: 'redis://127.0.0.1:6379', keyPrefix },
      { limits: { requestsPerSecond: 1 } },
    );
    const own = (id: string) => `{ person(nationalId: "${id}") { name } }`;
    const wang = await Promise.all(
      Array.from({ length: 12 }, () =>
        ask(url, own(WANG), { authorization: `Bearer citizen:${WANG}` }),
      ),
    );
    expect(passed(wang)).toBe(WINDOW);
    expect(firstError(wang.find((a) => a.status === 429)?.body ?? {}).message).toMatch(
      /^You have used your budget of 1 operations per second/,
    );
    expect((await ask(url, own(LI), { authorization: `Bearer citizen:${LI}` })).status).toBe(200);
    const keys = await redis.keys(`${keyPrefix}:*`);
    // Two people, each with a requests and a cost budget.
    expect(keys).toHaveLength(4);
    for (const key of keys) {
      expect(key).toMatch(/:citizen:[0-9a-f]{64}$/);
      expect(key).not.toContain(WANG);
      expect(key).not.toContain(LI);
    }
  });

  it('counts a raised limit against its own budget: an agency raised is not held to the default', async () => {
    const keyPrefix = freshPrefix();
    const shared = { redisUrl: 'redis://127.0.0.1:6379', keyPrefix };
    // The same agency on two instances, resolved with the default and with a raised limit
    // (as the registry's per-agency override reaches `context.limits`).
    const standard = await gateway(shared, { limits: { requestsPerSecond: 1 } });
    const raised = await gateway(shared, { limits: { requestsPerSecond: 3 } });
    const burst = (url: string, n: number) =>
      Promise.all(Array.from({ length: n }, () => ask(url, NAME_QUERY, TAX)));
    expect(passed(await burst(standard.url, 15))).toBe(WINDOW);
    const more = await burst(raised.url, 35);
    expect(passed(more)).toBe(3 * WINDOW);
    expect(firstError(more.find((a) => a.status === 429)?.body ?? {}).extensions?.limit).toEqual({
      name: 'requestsPerSecond',
      max: 3,
    });
  });

  it('limits each instance in process while Redis is down, without 500s, and shares again once it is back', async () => {
    const own = await privateRedis();
    await own.start();
    try {
      const shared = { redisUrl: own.url, redisTimeoutMs: 200 };
      const limits = { requestsPerSecond: 1 };
      const keyPrefix = freshPrefix();
      const a = await gateway({ ...shared, keyPrefix }, { limits });
      const b = await gateway({ ...shared, keyPrefix }, { limits });
      const gauge = async (server: GatewayServer) =>
        (await server.metrics.rateLimitShared.get()).values[0]?.value;
      await until(async () => (await gauge(a.server)) === 1 && (await gauge(b.server)) === 1);

      await own.stop();
      await until(async () => (await gauge(a.server)) === 0 && (await gauge(b.server)) === 0);
      const down = await Promise.all(
        Array.from({ length: 30 }, (_, i) => ask(i % 2 ? a.url : b.url, NAME_QUERY, TAX)),
      );
      expect(statuses(down).filter((s) => s !== 200 && s !== 429)).toEqual([]);
      // Each instance alone holds the agency to its full budget: 10 each.
      expect(passed(down)).toBe(2 * WINDOW);
      const fallbacks = (await a.server.metrics.rateLimitFallbacks.get()).values;
      expect(fallbacks[0]?.value).toBeGreaterThanOrEqual(15);

      await own.start();
      await until(async () => (await gauge(a.server)) === 1 && (await gauge(b.server)) === 1);
      const back = await Promise.all(
        Array.from({ length: 30 }, (_, i) => ask(i % 2 ? a.url : b.url, NAME_QUERY, AS_POLICE)),
      );
      expect(passed(back)).toBe(WINDOW);
    } finally {
      await own.stop();
    }
  });
});

/** Polls a condition every 50 ms; fails after 10 s naming what did not happen. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 10 s');
}
