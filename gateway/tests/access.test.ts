import type { ApolloServerPlugin } from '@apollo/server';
import type { Listening } from '@govgraph/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessDecision, GatewayContext } from '../src/context.js';
import { createGatewayServer } from '../src/index.js';
import {
  composeSupergraph,
  post,
  type RunningFixture,
  silentLogger,
  startFixture,
  type TempFile,
  tempSupergraph,
} from './helpers.js';
import { LI, residents, taxes, WANG } from './support/accessFixtures.js';
import { MemoryRegistry } from './support/memoryRegistry.js';
import { testCallerToken } from './support/testCallerToken.js';

const TAX = { 'x-api-key': 'k-tax', 'x-purpose': 'tax-assessment' };
const POLICE = { 'x-api-key': 'k-police' };

describe('the access policy at the gateway', () => {
  let people: RunningFixture;
  let tax: RunningFixture;
  let file: TempFile;
  let gateway: Listening;
  let registry: MemoryRegistry;
  const decisions: (AccessDecision | undefined)[] = [];
  const graphql = () => `${gateway.url}/graphql`;
  const fetches = () => people.requests.length + tax.requests.length;

  beforeAll(async () => {
    people = await startFixture(residents);
    tax = await startFixture(taxes);
    file = await tempSupergraph(composeSupergraph([people, tax]));
    registry = new MemoryRegistry()
      .addAgency({ agencyId: 'city-tax', name: 'City tax', roles: [], apiKey: 'k-tax' })
      .addAgency({ agencyId: 'police', name: 'Police', roles: [], apiKey: 'k-police' })
      .addPurpose('tax-assessment')
      .setCitizenCoordinates(['Query.person', 'Person.name', 'Person.nationalId']);
    const server = createGatewayServer({
      supergraphPath: file.path,
      logger: silentLogger(),
      access: { registry, signer: testCallerToken.signer },
    });
    const capture: ApolloServerPlugin<GatewayContext> = {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue }) {
            decisions.push(contextValue.access);
          },
        };
      },
    };
    server.server.addPlugin(capture);
    gateway = await server.listen(0);
  });

  beforeEach(() => {
    registry.grant('city-tax', 'tax-assessment', ['Person.name', 'Person.taxDue']);
    decisions.length = 0;
  });

  afterAll(async () => {
    await gateway?.close();
    await people?.close();
    await tax?.close();
    await file?.remove();
  });

  it('answers anonymous callers PUBLIC fields, and departments learn who asked', async () => {
    const { status, body } = await post(graphql(), '{ notices { title } whoAsks }');
    expect(status).toBe(200);
    expect(body.data?.notices).toEqual([{ title: 'Late filing' }, { title: 'Volunteer' }]);
    expect(JSON.parse(String(body.data?.whoAsks))).toEqual({ caller: 'anonymous' });
  });

  it('refuses anonymous callers anything else with one FORBIDDEN listing every field, and runs nothing', async () => {
    const before = fetches();
    const { status, body } = await post(
      graphql(),
      `{ notices { title issuedTo } person(nationalId: "${WANG}") { name district } }`,
    );
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const denied = body.errors?.[0]?.extensions?.denied as { coordinate: string; level: string }[];
    expect(denied.map((d) => `${d.coordinate}:${d.level}`)).toEqual([
      'Award.issuedTo:PERSONAL',
      'Notice.issuedTo:PERSONAL',
      'Penalty.issuedTo:PERSONAL',
      'Person.district:INTERNAL',
      'Person.name:PERSONAL',
    ]);
    for (const d of denied) expect(body.errors?.[0]?.message).toContain(d.coordinate);
    expect(fetches()).toBe(before);
    expect(decisions[0]?.denied.map((d) => d.coordinate)).toEqual(denied.map((d) => d.coordinate));
  });

  it('sees through aliases, fragments, inline fragments, @include(if: false) and nested entity fields', async () => {
    const before = fetches();
    const { status, body } = await post(
      graphql(),
      `query($no: Boolean!) {
        harmless: person(nationalId: "${WANG}") {
          shown: name
          ...More
          ... on Person { hidden: health @include(if: $no) }
        }
      }
      fragment More on Person { district taxDue }`,
      { no: false },
      { 'x-api-key': 'k-police', 'x-purpose': 'tax-assessment' },
    );
    expect(status).toBe(403);
    const denied = body.errors?.[0]?.extensions?.denied as { coordinate: string; reason: string }[];
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
      POLICE,
      { ...TAX, 'x-case-id': 'TAX-B', 'x-operator-id': 'officer-7' },
      { ...TAX, 'x-case-id': 'TAX-A', 'x-operator-id': 'officer-8' },
    ];
    const before = people.requests.length;
    // Interleaved and concurrent: five rounds of the four callers at once.
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const headers = callers[i % callers.length] ?? {};
        const reply = await post(graphql(), '{ whoAsks }', undefined, headers);
        return { i, reply, claims: JSON.parse(String(reply.body.data?.whoAsks)) };
      }),
    );
    for (const { i, claims } of answers) {
      const headers = callers[i % callers.length] ?? {};
      expect(claims).toEqual(
        headers === POLICE
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
    const seen = people.requests.slice(before);
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
    const beforePeople = people.requests.length;
    const beforeTax = tax.requests.length;
    const { status, body } = await post(
      graphql(),
      `{ person(nationalId: "${WANG}") { name district taxDue } whoAsks }`,
      undefined,
      { ...TAX, 'x-case-id': ' TAX-2026-0042 ', 'x-operator-id': 'officer-7' },
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
    const tokens = [...people.requests.slice(beforePeople), ...tax.requests.slice(beforeTax)].map(
      (h) => h['x-govgraph-caller'],
    );
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
    const without = await post(graphql(), query, undefined, TAX);
    expect(without.status).toBe(403);
    expect(without.body.errors?.[0]?.extensions?.denied).toEqual([
      {
        coordinate: 'Person.health',
        level: 'SENSITIVE',
        reason:
          'SENSITIVE data needs a case number (X-Case-Id) and the acting official (X-Operator-Id)',
      },
    ]);
    const withCase = await post(graphql(), query, undefined, {
      ...TAX,
      'x-case-id': 'TAX-1',
      'x-operator-id': 'officer-7',
    });
    expect(withCase.body).toEqual({ data: { person: { health: 'asthma' } } });
  });

  it('follows grant changes at once: cached decisions are keyed by the registry version', async () => {
    const query = `{ person(nationalId: "${WANG}") { name } }`;
    expect((await post(graphql(), query, undefined, POLICE)).status).toBe(403);
    registry.addPurpose('policing').grant('police', 'policing', ['Person.name']);
    const granted = await post(graphql(), query, undefined, { ...POLICE, 'x-purpose': 'policing' });
    expect(granted.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
    registry.grant('police', 'policing', []);
    const revoked = await post(graphql(), query, undefined, { ...POLICE, 'x-purpose': 'policing' });
    expect(revoked.status).toBe(403);
  });

  it('lets a citizen read about themself only, however the national ID is passed', async () => {
    const citizen = { authorization: `Bearer citizen:${WANG}` };
    const query = 'query($id: NationalId!) { person(nationalId: $id) { name } }';
    const own = await post(graphql(), query, { id: WANG }, citizen);
    expect(own.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
    const other = await post(graphql(), query, { id: LI }, citizen);
    expect(other.status).toBe(403);
    expect(other.body.errors?.[0]?.extensions?.denied).toEqual([
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
    const literal = await post(graphql(), `{ person(nationalId: "${LI}") { name } }`, {}, citizen);
    expect(literal.status).toBe(403);
    const district = await post(
      graphql(),
      `{ person(nationalId: "${WANG}") { district } }`,
      {},
      citizen,
    );
    expect(district.body.errors?.[0]?.extensions?.denied).toEqual([
      {
        coordinate: 'Person.district',
        level: 'INTERNAL',
        reason: 'not readable with a citizen token',
      },
    ]);
  });

  it('refuses a bad credential with 401 UNAUTHENTICATED and a malformed header with 400, running nothing', async () => {
    const before = fetches();
    const unknown = await post(graphql(), '{ whoAsks }', undefined, { 'x-api-key': 'nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors).toEqual([
      {
        message: 'The API key is not known or was revoked.',
        extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) },
      },
    ]);
    const basic = await post(graphql(), '{ whoAsks }', undefined, { authorization: 'Basic eDp5' });
    expect(basic.status).toBe(401);
    expect(basic.body.errors?.[0]?.message).toBe(
      'The Authorization header must be "Bearer <token>".',
    );
    const badToken = await post(graphql(), '{ whoAsks }', undefined, {
      authorization: 'Bearer forged',
    });
    expect(badToken.status).toBe(401);
    const badPurpose = await post(graphql(), '{ whoAsks }', undefined, {
      ...POLICE,
      'x-purpose': 'tax assessment; drop table',
    });
    expect(badPurpose.status).toBe(400);
    expect(badPurpose.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const long = await post(graphql(), '{ whoAsks }', undefined, { 'x-case-id': 'x'.repeat(65) });
    expect(long.status).toBe(400);
    expect(fetches()).toBe(before);
  });

  describe('introspection shows only what the caller may read', () => {
    const fieldsOf = async (type: string, headers: Record<string, string> = {}) => {
      const { body } = await post(
        graphql(),
        `query($t: String!) { __type(name: $t) { fields { name } } }`,
        { t: type },
        headers,
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
      expect(await fieldsOf('Person', POLICE)).toEqual(['district']);
    });

    it('answers the full introspection query GraphiQL sends, without the hidden types', async () => {
      const { status, body } = await post(
        graphql(),
        '{ __schema { types { name } queryType { name } } }',
      );
      expect(status).toBe(200);
      const names = (body.data?.__schema as { types: { name: string }[] } | undefined)?.types.map(
        (t) => t.name,
      );
      expect(names).toContain('Notice');
      expect(names).not.toContain('Person');
      expect(names).not.toContain('PeopleFilter');
    });

    it('refuses an operation mixing introspection with data', async () => {
      const { status, body } = await post(
        graphql(),
        '{ __schema { types { name } } notices { title } }',
      );
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    });
  });
});
