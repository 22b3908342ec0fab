import { randomBytes } from 'node:crypto';
import { connectTestRedis, TEST_REDIS_URL } from '@govgraph/schema/testing';
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
    const keys = await redis.keys(`${keyPrefix}:*`);
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
        expect(sent.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
        const named = await post({ query, operationName: 'C' }, caller);
        expect(named.status).toBe(400);
        expect(named.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
      }
    });

    it('refuses a subscription with 400 SUBSCRIPTION_NOT_SUPPORTED, also as GET', async () => {
      const query = 'subscription S { __typename }';
      const sent = await post({ query }, reader());
      expect(sent.status).toBe(400);
      expect(sent.body.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_NOT_SUPPORTED');
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
});
