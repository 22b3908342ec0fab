import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '@govgraph/department/db';
import { createCallerTokenSigner } from '@govgraph/server';
import { connectTestRedis, firstError, firstErrorCode, TEST_REDIS_URL } from '@govgraph/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';
import { type CallerHeaders, callerHeaders } from './support/testHub.js';

// Requests a client can send at the edges of the protocol: each answers with a registered
// code and a bounded body, never a 500; headers never let a shared cache keep personal data.

const READER = {
  id: 'edges-reader',
  purpose: 'EDGES_TESTS',
  coordinates: ['Query.*', 'Person.*', 'LegalEntity.*', 'LegalEntityConnection.*'],
};

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

describe('edges of the hub', () => {
  let hub: AccessHub;
  let redis: Redis;
  let creditCode: string;
  const keyPrefix = `edges-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    redis = await connectTestRedis();
    hub = await startAccessHub([READER], { cache: { redisUrl: TEST_REDIS_URL, keyPrefix } });
    creditCode = hub.world.company(0).creditCode;
  });
  afterAll(async () => {
    await hub?.stop();
    // Cache keys start with the hash tag `{prefix}`, rate-limit keys with the bare prefix.
    const keys = [
      ...(await redis.keys(`${keyPrefix}:*`)),
      ...(await redis.keys(`{${keyPrefix}}:*`)),
    ];
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const reader = (): CallerHeaders => hub.agency(READER.id);

  async function send(
    init: { method?: string; body?: string; headers?: Record<string, string>; search?: string },
    caller: CallerHeaders = {},
  ): Promise<Sent> {
    const res = await fetch(`${hub.hub.graphqlUrl}${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        // Apollo's CSRF prevention wants it on a GET (a browser form cannot send it).
        ...(init.method === 'GET' ? { 'apollo-require-preflight': 'true' } : {}),
        ...callerHeaders(caller),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.text();
    let body: Sent['body'] = {};
    try {
      body = JSON.parse(text) as Sent['body'];
    } catch {
      // Asserted by the caller through `text`.
    }
    return { status: res.status, headers: res.headers, text, body };
  }

  const post = (payload: unknown, caller: CallerHeaders = {}) =>
    send({ body: JSON.stringify(payload) }, caller);

  describe('no request a client can send answers 500', () => {
    it('refuses a multi-operation document without operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
      const query = `query A { legalEntity(creditCode: "${creditCode}") { name } } query B { __typename }`;
      for (const caller of [{}, reader()]) {
        const sent = await post({ query }, caller);
        expect(sent.status).toBe(400);
        expect(firstErrorCode(sent.body)).toBe('OPERATION_RESOLUTION_FAILURE');
        const named = await post({ query, operationName: 'C' }, caller);
        expect(named.status).toBe(400);
        expect(firstErrorCode(named.body)).toBe('OPERATION_RESOLUTION_FAILURE');
      }
    });

    it('refuses a subscription with 400 SUBSCRIPTION_NOT_SUPPORTED, also as GET', async () => {
      const query = 'subscription S { __typename }';
      const sent = await post({ query }, reader());
      expect(sent.status).toBe(400);
      expect(firstErrorCode(sent.body)).toBe('SUBSCRIPTION_NOT_SUPPORTED');
      const get = await send({ method: 'GET', search: `?query=${encodeURIComponent(query)}` });
      expect(get.status).toBeGreaterThanOrEqual(400);
      expect(get.status).toBeLessThan(500);
    });

    it.each([
      ['an empty body', { body: '' }],
      ['a body that is not JSON', { body: '{"query":' }],
      ['a JSON array', { body: '[]' }],
      ['a JSON batch', { body: '[{"query":"{ __typename }"}]' }],
      ['JSON null', { body: 'null' }],
      ['a JSON string', { body: '"{ __typename }"' }],
      ['a query that is not a string', { body: '{"query":42}' }],
      ['variables that are not an object', { body: '{"query":"{ __typename }","variables":[1]}' }],
      ['variables as a string', { body: '{"query":"{ __typename }","variables":"x"}' }],
      ['extensions that are not an object', { body: '{"query":"{ __typename }","extensions":1}' }],
      [
        'a huge operationName',
        { body: JSON.stringify({ query: '{ __typename }', operationName: 'x'.repeat(500_000) }) },
      ],
      [
        'an operationName that is not a string',
        { body: '{"query":"{ __typename }","operationName":1}' },
      ],
      [
        'a text/plain body',
        { body: '{"query":"{ __typename }"}', headers: { 'content-type': 'text/plain' } },
      ],
      ['no content type', { body: '{"query":"{ __typename }"}', headers: { 'content-type': '' } }],
      ['GET without a query', { method: 'GET' }],
      [
        'GET with a mutation',
        { method: 'GET', search: `?query=${encodeURIComponent('mutation { __typename }')}` },
      ],
      [
        'GET with variables that are not JSON',
        { method: 'GET', search: '?query=%7B__typename%7D&variables=%7B' },
      ],
      ['PUT', { method: 'PUT', body: '{"query":"{ __typename }"}' }],
      [
        'a bearer token that is not a JWT',
        { body: '{"query":"{ __typename }"}', headers: { authorization: 'Bearer not.a.jwt' } },
      ],
      [
        'a Basic authorization',
        { body: '{"query":"{ __typename }"}', headers: { authorization: 'Basic dXNlcjpwYXNz' } },
      ],
      [
        'a 6 KB bearer token',
        {
          body: '{"query":"{ __typename }"}',
          headers: { authorization: `Bearer ${'a'.repeat(6000)}` },
        },
      ],
      [
        'a JWT with a 6 KB issuer',
        {
          body: '{"query":"{ __typename }"}',
          headers: { authorization: `Bearer ${unsignedJwt({ iss: 'i'.repeat(6000), sub: 's' })}` },
        },
      ],
      [
        'a JWT whose issuer is a number',
        {
          body: '{"query":"{ __typename }"}',
          headers: { authorization: `Bearer ${unsignedJwt({ iss: 5 })}` },
        },
      ],
      [
        'an API key and a bearer token',
        {
          body: '{"query":"{ __typename }"}',
          headers: { authorization: 'Bearer x', 'x-api-key': 'gg_x' },
        },
      ],
      [
        'a malformed purpose',
        { body: '{"query":"{ __typename }"}', headers: { 'x-purpose': 'p'.repeat(6000) } },
      ],
      [
        'a malformed case id',
        { body: '{"query":"{ __typename }"}', headers: { 'x-case-id': '<case>' } },
      ],
      [
        'an unknown persisted query',
        { body: '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}' },
      ],
      [
        'a document with only fragments',
        { body: '{"query":"fragment F on Query { __typename }"}' },
      ],
      [
        'a deeply nested list variable',
        {
          body: JSON.stringify({
            query: 'query($x: [NationalId!]) { __typename }',
            variables: { x: [[[[1]]]] },
          }),
        },
      ],
    ])('answers %s without a 500', async (_what, init) => {
      for (const caller of [{}, reader()]) {
        const sent = await send(init, caller);
        expect(sent.status, sent.text.slice(0, 300)).toBeGreaterThanOrEqual(200);
        expect(sent.status, sent.text.slice(0, 300)).toBeLessThan(500);
        expect(sent.text.length).toBeLessThan(2_000);
      }
    });
  });

  describe('request ids', () => {
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const readPerson = () =>
      JSON.stringify({
        query: 'query($id: NationalId!) { person(nationalId: $id) { name } }',
        variables: { id: hub.world.person(1).nationalId },
      });

    it('audits the hub’s own UUID, keeping the caller’s id as the correlation id', async () => {
      // A caller who replays another request's id (here one the hub gave out) cannot make two
      // audit records share a request id.
      const first = await send({ body: readPerson() }, reader());
      const taken = first.headers.get('x-request-id') ?? '';
      expect(taken).toMatch(UUID);
      for (const given of [taken, 'desk-42:trace.01_A']) {
        const sent = await send(
          { body: readPerson(), headers: { 'x-request-id': given } },
          reader(),
        );
        expect(sent.status).toBe(200);
        const requestId = sent.headers.get('x-request-id') ?? '';
        expect(requestId).toMatch(UUID);
        expect(requestId).not.toBe(given);
        expect(sent.headers.get('x-correlation-id')).toBe(given);
        const record = await hub.latestAudit();
        expect(record).toMatchObject({ requestId, correlationId: given, agencyId: READER.id });
      }
    });

    it.each([
      ['markup', '<script>alert(1)</script>'],
      ['65 characters', 'a'.repeat(65)],
      ['a space', 'desk 42'],
      ['a slash', 'desk/42'],
      ['non-ASCII letters', 'schalter-ä'],
    ])('drops a caller id with %s: no correlation id, no header', async (_what, given) => {
      const sent = await send({ body: readPerson(), headers: { 'x-request-id': given } }, reader());
      expect(sent.status).toBe(200);
      const requestId = sent.headers.get('x-request-id') ?? '';
      expect(requestId).toMatch(UUID);
      expect(sent.headers.get('x-correlation-id')).toBeNull();
      const record = await hub.latestAudit();
      expect(record?.requestId).toBe(requestId);
      expect(record?.correlationId).toBeUndefined();
    });
  });

  describe('Cache-Control', () => {
    const publicQuery = () => `{ legalEntity(creditCode: "${creditCode}") { name status } }`;
    const personQuery = () =>
      `{ person(nationalId: "${hub.world.person(2).nationalId}") { name } }`;
    const getSearch = (query: string) => `?query=${encodeURIComponent(query)}`;

    function expectPublic(sent: Sent): void {
      expect(sent.status, sent.text.slice(0, 300)).toBe(200);
      expect(sent.body.errors).toBeUndefined();
      expect(sent.headers.get('cache-control')).toMatch(/^public, max-age=[1-9]\d*$/);
      expect(sent.headers.get('vary')?.toLowerCase()).toContain('x-api-key');
      expect(sent.headers.get('vary')?.toLowerCase()).toContain('authorization');
      // The CORS headers depend on the page's origin (docs/access.md#browser-apps-cors).
      expect(sent.headers.get('vary')?.toLowerCase()).toContain('origin');
    }
    const expectPrivate = (sent: Sent) =>
      expect(sent.headers.get('cache-control'), sent.text.slice(0, 200)).toBe('private, no-store');

    it('lets shared caches keep an anonymous, error-free answer of PUBLIC data (POST and GET)', async () => {
      // The first answer may come from the departments, the second from the response cache.
      for (let i = 0; i < 2; i++) {
        expectPublic(await post({ query: publicQuery() }));
        expectPublic(await send({ method: 'GET', search: getSearch(publicQuery()) }));
      }
      // Other text, same department fetch: the response cache misses, the root-fetch cache
      // answers, and the max-age is what is left of that entry.
      const reflowed = publicQuery().replace('{ legalEntity', '{\n  legalEntity');
      const fromEntries = await post({ query: reflowed });
      expectPublic(fromEntries);
      const maxAge = Number(fromEntries.headers.get('cache-control')?.split('=')[1]);
      expect(maxAge).toBeLessThanOrEqual(600);
    });

    it('marks an agency’s answer private, no-store, personal data or not (POST and GET)', async () => {
      for (const query of [personQuery(), publicQuery()]) {
        for (let i = 0; i < 2; i++) {
          const sent = await post({ query }, reader());
          expect(sent.body.errors).toBeUndefined();
          expectPrivate(sent);
          expectPrivate(await send({ method: 'GET', search: getSearch(query) }, reader()));
        }
      }
    });

    it('marks a citizen’s answer private, no-store', async () => {
      const self = hub.world.person(3).nationalId;
      const citizen = hub.citizen(self);
      expectPrivate(await post({ query: `{ person(nationalId: "${self}") { name } }` }, citizen));
      expectPrivate(await post({ query: publicQuery() }, citizen));
    });

    it('marks every error answer private, no-store', async () => {
      const refused = await post({ query: personQuery() });
      expect(refused.status).toBe(403);
      expectPrivate(refused);
      expectPrivate(await send({ method: 'GET', search: getSearch(personQuery()) }));
      const invalid = await post({ query: '{ legalEntity(creditCode: "nope") { name } }' });
      expect(invalid.status).toBe(400);
      expectPrivate(invalid);
      expectPrivate(await send({ method: 'GET', search: getSearch('{ legalEntity { nope } }') }));
      expectPrivate(await send({ body: '{"query":' }));
      expectPrivate(await send({ body: '{}' }, { apiKey: 'gg_not-a-key' }));
    });
  });

  describe('response cache', () => {
    it('replays a hit with the cold answer’s extensions (valueCompletion) and headers', async () => {
      // A company whose representative the population registry no longer knows: the gateway
      // completes the answer with a valueCompletion warning in `extensions`, and no error.
      const company = hub.world.company(5);
      const representative = hub.world.person(company.representativeIndex).nationalId;
      const population = openDatabase<{ person: { national_id: string } }>({
        sqliteFile: join(hub.dataDir, 'population.sqlite'),
      });
      try {
        await population.db
          .deleteFrom('person')
          .where('national_id', '=', representative)
          .execute();
      } finally {
        await population.close();
      }
      const query = `{ legalEntity(creditCode: "${company.creditCode}") { name legalRepresentative { name } } }`;
      const cold = await post({ query }, reader());
      expect(cold.status).toBe(200);
      expect(cold.body.errors).toBeUndefined();
      expect(cold.body.data).toEqual({
        legalEntity: { name: company.name, legalRepresentative: null },
      });
      expect(cold.body.extensions?.valueCompletion).toEqual([
        expect.objectContaining({ message: expect.stringContaining('name') }),
      ]);
      const hit = await post({ query }, reader());
      expect(hit.body).toEqual(cold.body);
      expect(hit.headers.get('cache-control')).toBe(cold.headers.get('cache-control'));
      // It was a hit: the audit record of the second read says the answer came from a cache.
      expect((await hub.latestAudit())?.cached).toBe(true);
    });
  });

  describe('bounded echoes', () => {
    const huge = `1${'0'.repeat(900_000)}`;

    it.each([
      [
        'a variable',
        {
          query: 'query($id: NationalId!) { person(nationalId: $id) { name } }',
          variables: { id: huge },
        },
      ],
      ['a literal', { query: `{ person(nationalId: "${huge}") { name } }` }],
      [
        'a list variable',
        {
          query: 'query($ids: [NationalId!]!) { people(nationalIds: $ids) { name } }',
          variables: { ids: [huge] },
        },
      ],
      [
        'a public argument',
        {
          query: 'query($c: CreditCode!) { legalEntity(creditCode: $c) { name } }',
          variables: { c: huge },
        },
      ],
      ['an unknown field name', { query: `{ ${'x'.repeat(900_000)} }` }],
    ])(
      'answers a 900 KB identifier in %s with a short error quoting its prefix',
      async (_what, payload) => {
        const sent = await post(payload, reader());
        expect(sent.status).toBe(400);
        expect(sent.text.length).toBeLessThan(2_000);
        const [error] = sent.body.errors ?? [];
        expect(error?.message).toMatch(/… \(900001 characters\)|… \(900000 characters\)/);
      },
    );

    it('names the code and keeps a short invalid value whole', async () => {
      const sent = await post(
        {
          query: 'query($id: NationalId!) { person(nationalId: $id) { name } }',
          variables: { id: '12345' },
        },
        reader(),
      );
      expect(sent.status).toBe(400);
      expect(firstErrorCode(sent.body)).toBe('INVALID_NATIONAL_ID');
      expect(firstError(sent.body).message).toContain('"12345"');
    });
  });

  describe('caller token lifetime at the departments', () => {
    const askPopulation = async (token: string) => {
      const population = hub.hub.departments.find((d) => d.name === 'population');
      const res = await fetch(population?.url ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-govgraph-caller': token },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return { status: res.status, body: (await res.json()) as Sent['body'] };
    };

    it('refuses a ten-year token signed with the gateway’s own key, and takes a normal one', async () => {
      const claims = { caller: 'agency' as const, agency: READER.id, requestId: 'edges' };
      const privateKey = hub.hub.callerTokenKeys.privateJwk;
      const tenYears = await createCallerTokenSigner({ privateKey, ttlSeconds: 10 * 365 * 86_400 });
      const refused = await askPopulation(await tenYears.sign(claims));
      expect(refused.status).toBe(401);
      expect(firstErrorCode(refused.body)).toBe('HUB_CONTEXT_REQUIRED');
      const normal = await createCallerTokenSigner({ privateKey });
      const taken = await askPopulation(await normal.sign(claims));
      expect(taken.status).toBe(200);
      expect(taken.body.data).toEqual({ __typename: 'Query' });
    });
  });
});

/** A JWT-shaped token nobody signed: the hub reads its claims before it verifies anything. */
function unsignedJwt(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'EdDSA', typ: 'JWT' })}.${encode(claims)}.c2ln`;
}
