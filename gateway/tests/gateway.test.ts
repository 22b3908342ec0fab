import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import { createHubTester, firstError, firstErrorCode, type HubTester } from './support/index.js';

describe('gateway over two departments', () => {
  let hub: HubTester;
  const registry = () => hub.department(people.name);
  const business = () => hub.department(companies.name);
  const requestsToDepartments = () => registry().requests.length + business().requests.length;

  beforeAll(async () => {
    hub = await createHubTester({ departments: [people, companies] });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('joins a person from the registry with the companies the business registry adds', async () => {
    const { status, body } = await hub.post({
      query: `query($id: NationalId!) { person(nationalId: $id) { nationalId name companies { creditCode name } } }`,
      variables: { id: people.WANG },
    });
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
    const { body } = await hub.post(
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
    const before = { registry: registry().requests.length, business: business().requests.length };
    const res = await hub.post(
      `{ person(nationalId: "${people.LI}") { name companies { name } } }`,
      { headers: { 'x-request-id': 'desk-42.lookup' } },
    );
    expect(res.body.errors).toBeUndefined();
    const sent = [
      ...registry().requests.slice(before.registry),
      ...business().requests.slice(before.business),
    ];
    expect(sent).toHaveLength(2);
    // The caller's id is theirs: the hub's logs and departments key on a UUID it assigned.
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.map((h) => h['x-request-id'])).toEqual([id, id]);
    expect(res.headers.get('x-correlation-id')).toBe('desk-42.lookup');
  });

  it('sends departments the request id it made up when the caller sent none', async () => {
    const before = registry().requests.length;
    const res = await fetch(hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ names(size: 1) }' }),
    });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      registry()
        .requests.slice(before)
        .map((h) => h['x-request-id']),
    ).toEqual([id]);
  });

  it('keeps connections to a department alive across requests', async () => {
    await hub.post('{ names(size: 2) }');
    const before = registry().connections();
    for (let i = 0; i < 10; i++) {
      const res = await hub.post('{ names(size: 2) }');
      expect(res.body.data).toEqual({ names: ['Wang Fang', 'Li Wei'] });
    }
    expect(registry().connections()).toBe(before);
  });

  it('refuses a national ID literal with a wrong check character before calling any department', async () => {
    const before = requestsToDepartments();
    const { status, body } = await hub.post(
      '{ person(nationalId: "110105194912310021") { name companies { name } } }',
    );
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(firstErrorCode(body)).toBe('INVALID_NATIONAL_ID');
    expect(firstError(body).message).toContain('it should be X');
    expect(requestsToDepartments()).toBe(before);
  });

  it('refuses a malformed national ID variable before calling any department', async () => {
    const before = requestsToDepartments();
    const { body } = await hub.post({
      query: 'query($id: NationalId!) { person(nationalId: $id) { name } }',
      variables: { id: '1101051949123' },
    });
    expect(body.data).toBeUndefined();
    expect(firstErrorCode(body)).toBe('INVALID_NATIONAL_ID');
    expect(firstError(body).message).toContain('has 13');
    expect(requestsToDepartments()).toBe(before);
  });

  it('refuses a credit code with a wrong check character with INVALID_CREDIT_CODE', async () => {
    const before = requestsToDepartments();
    const { body } = await hub.post({
      query: 'query($code: CreditCode!) { company(creditCode: $code) { name } }',
      variables: { code: '91350100M000100Y44' },
    });
    expect(firstErrorCode(body)).toBe('INVALID_CREDIT_CODE');
    expect(requestsToDepartments()).toBe(before);
  });

  it('passes a department’s registered error through with its code, message and department', async () => {
    const { body } = await hub.post('{ names(size: 500) }');
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
    const health = await fetch(`${hub.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${hub.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('redirects / to GraphiQL', async () => {
    const res = await fetch(`${hub.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphiql');
  });
});
