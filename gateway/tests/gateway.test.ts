import type { Listening } from '@govgraph/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayServer } from '../src/index.js';
import * as companies from './fixtures/companies.js';
import * as people from './fixtures/people.js';
import {
  composeSupergraph,
  post,
  type RunningFixture,
  silentLogger,
  startFixture,
  type TempFile,
  tempSupergraph,
} from './helpers.js';
import { testCallerToken } from './support/testCallerToken.js';

describe('gateway over two departments', () => {
  let registry: RunningFixture;
  let business: RunningFixture;
  let file: TempFile;
  let gateway: Listening;
  const graphql = () => `${gateway.url}/graphql`;
  const requestsToDepartments = () => registry.requests.length + business.requests.length;

  beforeAll(async () => {
    registry = await startFixture(people);
    business = await startFixture(companies);
    file = await tempSupergraph(composeSupergraph([registry, business]));
    gateway = await createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
    }).listen(0);
  });

  afterAll(async () => {
    await gateway?.close();
    await registry?.close();
    await business?.close();
    await file?.remove();
  });

  it('joins a person from the registry with the companies the business registry adds', async () => {
    const { status, body } = await post(
      graphql(),
      `query($id: NationalId!) { person(nationalId: $id) { nationalId name companies { creditCode name } } }`,
      { id: people.WANG },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        person: {
          nationalId: people.WANG,
          name: 'Wang Fang',
          companies: [{ creditCode: '91350100M000100Y43', name: 'Minjiang Tea Co.' }],
        },
      },
    });
  });

  it('joins the other way: a company and its representative’s registered name', async () => {
    const company = companies.COMPANIES[1];
    const { body } = await post(
      graphql(),
      `{ company(creditCode: "${company?.creditCode}") { name representative { nationalId name } } }`,
    );
    expect(body).toEqual({
      data: {
        company: {
          name: 'Beijing Lantern Works',
          representative: { nationalId: people.LI, name: 'Li Wei' },
        },
      },
    });
  });

  it('sends every department its own request id, and echoes the caller’s as X-Correlation-Id', async () => {
    const before = { registry: registry.requests.length, business: business.requests.length };
    const res = await post(
      graphql(),
      `{ person(nationalId: "${people.LI}") { name companies { name } } }`,
      undefined,
      { 'x-request-id': 'desk-42.lookup' },
    );
    expect(res.body.errors).toBeUndefined();
    const sent = [
      ...registry.requests.slice(before.registry),
      ...business.requests.slice(before.business),
    ];
    expect(sent).toHaveLength(2);
    // The caller's id is theirs: the hub's logs and departments key on a UUID it assigned.
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.map((h) => h['x-request-id'])).toEqual([id, id]);
    expect(res.headers.get('x-correlation-id')).toBe('desk-42.lookup');
  });

  it('sends departments the request id it made up when the caller sent none', async () => {
    const before = registry.requests.length;
    const res = await fetch(graphql(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ names(size: 1) }' }),
    });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(registry.requests.slice(before).map((h) => h['x-request-id'])).toEqual([id]);
  });

  it('keeps connections to a department alive across requests', async () => {
    await post(graphql(), '{ names(size: 2) }');
    const before = registry.connections();
    for (let i = 0; i < 10; i++) {
      const res = await post(graphql(), '{ names(size: 2) }');
      expect(res.body.data).toEqual({ names: ['Wang Fang', 'Li Wei'] });
    }
    expect(registry.connections()).toBe(before);
  });

  it('refuses a national ID literal with a wrong check character before calling any department', async () => {
    const before = requestsToDepartments();
    const { status, body } = await post(
      graphql(),
      '{ person(nationalId: "110105194912310021") { name companies { name } } }',
    );
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_NATIONAL_ID');
    expect(body.errors?.[0]?.message).toContain('it should be X');
    expect(requestsToDepartments()).toBe(before);
  });

  it('refuses a malformed national ID variable before calling any department', async () => {
    const before = requestsToDepartments();
    const { body } = await post(
      graphql(),
      'query($id: NationalId!) { person(nationalId: $id) { name } }',
      { id: '1101051949123' },
    );
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_NATIONAL_ID');
    expect(body.errors?.[0]?.message).toContain('has 13');
    expect(requestsToDepartments()).toBe(before);
  });

  it('refuses a credit code with a wrong check character with INVALID_CREDIT_CODE', async () => {
    const before = requestsToDepartments();
    const { body } = await post(
      graphql(),
      'query($code: CreditCode!) { company(creditCode: $code) { name } }',
      { code: '91350100M000100Y44' },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
    expect(requestsToDepartments()).toBe(before);
  });

  it('passes a department’s registered error through with its code, message and department', async () => {
    const { body } = await post(graphql(), '{ names(size: 500) }');
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors ?? [];
    expect(error?.message).toBe('size must be 1-100; got 500.');
    expect(error?.path).toEqual(['names']);
    expect(error?.extensions).toMatchObject({
      code: 'INVALID_ARGUMENT',
      department: 'registry',
      argument: 'size',
    });
  });

  it('answers /health and, with a supergraph loaded, /ready', async () => {
    const health = await fetch(`${gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gateway.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('redirects / to GraphiQL', async () => {
    const res = await fetch(`${gateway.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphiql');
  });
});
