import type { ApolloServerPlugin } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessDecision, GatewayContext } from '../src/context.js';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  CITY_TAX,
  callerHeaders,
  createHubTester,
  firstError,
  firstErrorCode,
  type HubTester,
  LI,
  MemoryRegistry,
  POLICE,
  TAX_ASSESSMENT,
  WANG,
} from './support/index.js';

const TAX = callerHeaders({ as: CITY_TAX, purpose: TAX_ASSESSMENT });
const AS_POLICE = callerHeaders({ as: POLICE });

describe('the access policy at the gateway', () => {
  let hub: HubTester;
  const registry = new MemoryRegistry()
    .addAgency(CITY_TAX)
    .addAgency(POLICE)
    .addPurpose(TAX_ASSESSMENT)
    .setCitizenCoordinates(['Query.person', 'Person.name', 'Person.nationalId']);
  const decisions: (AccessDecision | undefined)[] = [];
  const people = () => hub.department(residents.name);
  const tax = () => hub.department(taxes.name);
  const fetches = () => people().requests.length + tax().requests.length;

  beforeAll(async () => {
    const capture: ApolloServerPlugin<GatewayContext> = {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue }) {
            decisions.push(contextValue.access);
          },
        };
      },
    };
    hub = await createHubTester({ departments: [residents, taxes], registry, plugins: [capture] });
  });

  beforeEach(() => {
    registry.grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Person.name', 'Person.taxDue']);
    decisions.length = 0;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('answers anonymous callers PUBLIC fields, and departments learn who asked', async () => {
    const { status, body } = await hub.post('{ notices { title } whoAsks }');
    expect(status).toBe(200);
    expect(body.data?.notices).toEqual([{ title: 'Late filing' }, { title: 'Volunteer' }]);
    expect(JSON.parse(String(body.data?.whoAsks))).toEqual({ caller: 'anonymous' });
  });

  it('refuses anonymous callers anything else with one FORBIDDEN listing every field, and runs nothing', async () => {
    const before = fetches();
    const { status, body } = await hub.post(
      `{ notices { title issuedTo } person(nationalId: "${WANG}") { name district } }`,
    );
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(firstErrorCode(body)).toBe('FORBIDDEN');
    const denied = firstError(body).extensions?.denied as { coordinate: string; level: string }[];
    expect(denied.map((d) => `${d.coordinate}:${d.level}`)).toEqual([
      'Award.issuedTo:PERSONAL',
      'Notice.issuedTo:PERSONAL',
      'Penalty.issuedTo:PERSONAL',
      'Person.district:INTERNAL',
      'Person.name:PERSONAL',
    ]);
    for (const d of denied) expect(firstError(body).message).toContain(d.coordinate);
    expect(fetches()).toBe(before);
    expect(decisions[0]?.denied.map((d) => d.coordinate)).toEqual(denied.map((d) => d.coordinate));
  });

  it('sees through aliases, fragments, inline fragments, @include(if: false) and nested entity fields', async () => {
    const before = fetches();
    const { status, body } = await hub.post(
      {
        query: `query($no: Boolean!) {
        harmless: person(nationalId: "${WANG}") {
          shown: name
          ...More
          ... on Person { hidden: health @include(if: $no) }
        }
      }
      fragment More on Person { district taxDue }`,
        variables: { no: false },
      },
      { as: POLICE, purpose: TAX_ASSESSMENT },
    );
    expect(status).toBe(403);
    const denied = firstError(body).extensions?.denied as { coordinate: string; reason: string }[];
    expect(denied).toEqual([
      {
        coordinate: 'Person.health',
        level: 'SENSITIVE',
        reason: 'agency police holds no grant for it under purpose "tax-assessment"',
      },
      {
        coordinate: 'Person.name',
        level: 'PERSONAL',
        reason: 'agency police holds no grant for it under purpose "tax-assessment"',
      },
      {
        coordinate: 'Person.taxDue',
        level: 'CONFIDENTIAL',
        reason: 'agency police holds no grant for it under purpose "tax-assessment"',
      },
    ]);
    expect(fetches()).toBe(before);
  });

  it('reuses a token per caller, purpose, case and operator, never across them', async () => {
    const callers: Record<string, string>[] = [
      { ...TAX, 'x-case-id': 'TAX-A', 'x-operator-id': 'officer-7' },
      AS_POLICE,
      { ...TAX, 'x-case-id': 'TAX-B', 'x-operator-id': 'officer-7' },
      { ...TAX, 'x-case-id': 'TAX-A', 'x-operator-id': 'officer-8' },
    ];
    const before = people().requests.length;
    // Interleaved and concurrent: five rounds of the four callers at once.
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const headers = callers[i % callers.length] ?? {};
        const reply = await hub.post('{ whoAsks }', { headers });
        return { i, reply, claims: JSON.parse(String(reply.body.data?.whoAsks)) };
      }),
    );
    for (const { i, claims } of answers) {
      const headers = callers[i % callers.length] ?? {};
      expect(claims).toEqual(
        headers === AS_POLICE
          ? { caller: 'agency', agency: 'police', roles: [] }
          : {
              caller: 'agency',
              agency: 'city-tax',
              roles: [],
              purpose: 'tax-assessment',
              caseId: headers['x-case-id'],
              operatorId: headers['x-operator-id'],
            },
      );
    }
    // The department saw each request under its own request id, and each caller's one token.
    const seen = people().requests.slice(before);
    expect(seen).toHaveLength(20);
    const tokenOf = new Map<string, string | string[] | undefined>(
      seen.map((h) => [String(h['x-request-id']), h['x-govgraph-caller']]),
    );
    const byCaller = new Map<number, Set<unknown>>();
    for (const { i, reply } of answers) {
      const requestId = reply.headers.get('x-request-id') ?? '';
      expect(tokenOf.has(requestId)).toBe(true);
      const tokens = byCaller.get(i % callers.length) ?? new Set();
      tokens.add(tokenOf.get(requestId));
      byCaller.set(i % callers.length, tokens);
    }
    expect([...byCaller.values()].map((t) => t.size)).toEqual([1, 1, 1, 1]);
    expect(new Set([...byCaller.values()].flatMap((t) => [...t])).size).toBe(4);
  });

  it('lets an agency read what its grant covers, across departments, with one token per request', async () => {
    const beforePeople = people().requests.length;
    const beforeTax = tax().requests.length;
    const { status, body } = await hub.post(
      `{ person(nationalId: "${WANG}") { name district taxDue } whoAsks }`,
      { headers: { ...TAX, 'x-case-id': ' TAX-2026-0042 ', 'x-operator-id': 'officer-7' } },
    );
    expect(status).toBe(200);
    expect(body.data?.person).toEqual({
      name: 'Wang Fang',
      district: 'Xicheng',
      taxDue: '1200.00',
    });
    expect(JSON.parse(String(body.data?.whoAsks))).toEqual({
      caller: 'agency',
      agency: 'city-tax',
      roles: [],
      purpose: 'tax-assessment',
      caseId: 'TAX-2026-0042',
      operatorId: 'officer-7',
    });
    const tokens = [
      ...people().requests.slice(beforePeople),
      ...tax().requests.slice(beforeTax),
    ].map((h) => h['x-govgraph-caller']);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(new Set(tokens).size).toBe(1);
    expect(decisions[0]).toMatchObject({
      coordinates: [
        'Person.district',
        'Person.name',
        'Person.taxDue',
        'Query.person',
        'Query.whoAsks',
      ],
      level: 'CONFIDENTIAL',
      denied: [],
    });
  });

  it('refuses SENSITIVE data without a case number and operator, and serves it with them', async () => {
    registry.grant('city-tax', 'tax-assessment', ['Person.health']);
    const query = `{ person(nationalId: "${WANG}") { health } }`;
    const without = await hub.post(query, { headers: TAX });
    expect(without.status).toBe(403);
    expect(firstError(without.body).extensions?.denied).toEqual([
      {
        coordinate: 'Person.health',
        level: 'SENSITIVE',
        reason:
          'SENSITIVE data needs a case number (X-Case-Id) and the acting official (X-Operator-Id)',
      },
    ]);
    const withCase = await hub.post(query, {
      headers: {
        ...TAX,
        'x-case-id': 'TAX-1',
        'x-operator-id': 'officer-7',
      },
    });
    expect(withCase.body).toEqual({ data: { person: { health: 'asthma' } } });
  });

  it('follows grant changes at once: cached decisions are keyed by the registry version', async () => {
    const query = `{ person(nationalId: "${WANG}") { name } }`;
    expect((await hub.post(query, { headers: AS_POLICE })).status).toBe(403);
    registry.addPurpose('policing').grant('police', 'policing', ['Person.name']);
    const granted = await hub.post(query, {
      headers: { ...AS_POLICE, 'x-purpose': 'policing' },
    });
    expect(granted.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
    registry.grant('police', 'policing', []);
    const revoked = await hub.post(query, {
      headers: { ...AS_POLICE, 'x-purpose': 'policing' },
    });
    expect(revoked.status).toBe(403);
  });

  it('lets a citizen read about themself only, however the national ID is passed', async () => {
    const citizen = { authorization: `Bearer citizen:${WANG}` };
    const query = 'query($id: NationalId!) { person(nationalId: $id) { name } }';
    const own = await hub.post({ query, variables: { id: WANG } }, { headers: citizen });
    expect(own.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
    const other = await hub.post({ query, variables: { id: LI } }, { headers: citizen });
    expect(other.status).toBe(403);
    expect(firstError(other.body).extensions?.denied).toEqual([
      {
        coordinate: 'Query.person',
        level: 'PUBLIC',
        reason: 'a citizen may ask only about their own national ID',
      },
      {
        coordinate: 'Person.name',
        level: 'PERSONAL',
        reason: 'a citizen reads only their own record',
      },
    ]);
    const literal = await hub.post(
      { query: `{ person(nationalId: "${LI}") { name } }`, variables: {} },
      { headers: citizen },
    );
    expect(literal.status).toBe(403);
    const district = await hub.post(
      { query: `{ person(nationalId: "${WANG}") { district } }`, variables: {} },
      { headers: citizen },
    );
    expect(firstError(district.body).extensions?.denied).toEqual([
      {
        coordinate: 'Person.district',
        level: 'INTERNAL',
        reason: 'not readable with a citizen token',
      },
    ]);
  });

  it('refuses a bad credential with 401 UNAUTHENTICATED and a malformed header with 400, running nothing', async () => {
    const before = fetches();
    const unknown = await hub.post('{ whoAsks }', {
      headers: { 'x-api-key': 'nope' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors).toEqual([
      {
        message: 'The API key is not known or was revoked.',
        extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) },
      },
    ]);
    const basic = await hub.post('{ whoAsks }', {
      headers: { authorization: 'Basic eDp5' },
    });
    expect(basic.status).toBe(401);
    expect(firstError(basic.body).message).toBe(
      'The Authorization header must be "Bearer <token>".',
    );
    const badToken = await hub.post('{ whoAsks }', {
      headers: {
        authorization: 'Bearer forged',
      },
    });
    expect(badToken.status).toBe(401);
    const badPurpose = await hub.post('{ whoAsks }', {
      headers: {
        ...AS_POLICE,
        'x-purpose': 'tax assessment; drop table',
      },
    });
    expect(badPurpose.status).toBe(400);
    expect(firstErrorCode(badPurpose.body)).toBe('BAD_REQUEST');
    const long = await hub.post('{ whoAsks }', {
      headers: { 'x-case-id': 'x'.repeat(65) },
    });
    expect(long.status).toBe(400);
    expect(fetches()).toBe(before);
  });

  describe('introspection shows only what the caller may read', () => {
    const fieldsOf = async (type: string, headers: Record<string, string> = {}) => {
      const { body } = await hub.post(
        {
          query: `query($t: String!) { __type(name: $t) { fields { name } } }`,
          variables: { t: type },
        },
        { headers },
      );
      const found = body.data?.__type as { fields: { name: string }[] } | null;
      return found ? found.fields.map((f) => f.name).sort() : null;
    };

    it('hides from anonymous callers every field and type they may not read', async () => {
      expect(await fieldsOf('Query')).toEqual(['notices', 'whoAsks']);
      expect(await fieldsOf('Person')).toBeNull();
      expect(await fieldsOf('Notice')).toEqual(['title']);
      expect(await fieldsOf('Award')).toEqual(['title']);
    });

    it('shows an agency the fields its grant covers under its purpose', async () => {
      expect(await fieldsOf('Person', TAX)).toEqual(['district', 'name', 'taxDue']);
      expect(await fieldsOf('Query', TAX)).toEqual(['notices', 'people', 'person', 'whoAsks']);
      expect(await fieldsOf('Person', AS_POLICE)).toEqual(['district']);
    });

    it('answers the full introspection query GraphiQL sends, without the hidden types', async () => {
      const { status, body } = await hub.post('{ __schema { types { name } queryType { name } } }');
      expect(status).toBe(200);
      const names = (body.data?.__schema as { types: { name: string }[] } | undefined)?.types.map(
        (t) => t.name,
      );
      expect(names).toContain('Notice');
      expect(names).not.toContain('Person');
      expect(names).not.toContain('PeopleFilter');
    });

    it('refuses an operation mixing introspection with data', async () => {
      const { status, body } = await hub.post('{ __schema { types { name } } notices { title } }');
      expect(status).toBe(400);
      expect(firstErrorCode(body)).toBe('BAD_REQUEST');
    });
  });
});
