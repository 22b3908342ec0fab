import {
  createDepartmentServer,
  MAX_BATCHED_OPERATIONS,
  SUBJECTS_EXTENSION,
  subjectsFromExtensions,
} from '@govgraph/department';
import { creditCodeCheckChar, nationalIdCheckChar } from '@govgraph/schema';
import { createLogger, type Listening } from '@govgraph/server';
import { createTestCallerToken, metricSum, type TestCallerToken } from '@govgraph/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const nid = (first17: string) => `${first17}${nationalIdCheckChar(first17)}`;
const ccode = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;

const WANG = '11010519491231002X';
const LI = nid('31010419800315123');
const ZHANG = nid('44030519951120456');
const TEA = '91350100M000100Y43';
const LANTERN = ccode('91110000600007336');

// Rows as a population registry keeps them (snake case), so the key is read through the
// department's own `nationalId` resolver, not by guessing a property name.
interface PersonRow {
  national_id: string;
  name: string;
  spouse_id: string | null;
}
const PEOPLE: Record<string, PersonRow> = {
  [WANG]: { national_id: WANG, name: 'Wang Fang', spouse_id: LI },
  [LI]: { national_id: LI, name: 'Li Wei', spouse_id: WANG },
  [ZHANG]: { national_id: ZHANG, name: 'Zhang Min', spouse_id: null },
};
// Entities as a reference (camel case, no resolver for the key).
const ENTITIES: Record<string, { creditCode: string; name: string; representative: string }> = {
  [TEA]: { creditCode: TEA, name: 'Minjiang Tea Co.', representative: WANG },
  [LANTERN]: { creditCode: LANTERN, name: 'Beijing Lantern Works', representative: ZHANG },
};

const typeDefs = parse(`
  type Query {
    "A person."
    person(nationalId: NationalId!): Person @classification(level: PERSONAL)
    "Everyone."
    people: [Person!]! @classification(level: PERSONAL)
    "An entity."
    legalEntity(creditCode: CreditCode!): LegalEntity @classification(level: PUBLIC)
    "A statistic that names nobody."
    headcount: Count! @classification(level: PUBLIC)
  }
  "A person."
  type Person @key(fields: "nationalId") {
    "ID."
    nationalId: NationalId! @classification(level: PERSONAL)
    "Name."
    name: String! @classification(level: PERSONAL)
    "Spouse."
    spouse: Person @classification(level: PERSONAL)
  }
  "An entity."
  type LegalEntity @key(fields: "creditCode") {
    "Code."
    creditCode: CreditCode! @classification(level: PUBLIC)
    "Name."
    name: String! @classification(level: PUBLIC)
    "Representative."
    representative: Person @classification(level: PERSONAL)
  }
  "A count."
  type Count {
    "How many."
    value: Int! @classification(level: PUBLIC)
  }
`);

const person = (id: string | null) => (id ? (PEOPLE[id] ?? null) : null);

const resolvers = {
  Query: {
    person: (_: unknown, args: { nationalId: string }) => person(args.nationalId),
    people: () => Object.values(PEOPLE),
    legalEntity: (_: unknown, args: { creditCode: string }) => ENTITIES[args.creditCode] ?? null,
    headcount: () => ({ value: Object.keys(PEOPLE).length }),
  },
  Person: {
    __resolveReference: (ref: { nationalId: string }) => person(ref.nationalId),
    nationalId: (row: PersonRow) => row.national_id,
    spouse: (row: PersonRow) => person(row.spouse_id),
  },
  LegalEntity: {
    __resolveReference: (ref: { creditCode: string }) => ENTITIES[ref.creditCode] ?? null,
    representative: (row: { representative: string }) => person(row.representative),
  },
};

interface Reply {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
  extensions?: Record<string, unknown>;
}

describe('departments report the data subjects they answered for', () => {
  let listening: Listening;
  let hub: TestCallerToken;
  const query = async (q: string, variables?: Record<string, unknown>): Promise<Reply> => {
    const res = await fetch(`${listening.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await hub.headers()) },
      body: JSON.stringify({ query: q, variables }),
    });
    return (await res.json()) as Reply;
  };

  beforeAll(async () => {
    hub = await createTestCallerToken();
    listening = await createDepartmentServer({
      name: 'subjects',
      callerToken: hub.verifier,
      typeDefs,
      resolvers,
      logger: createLogger('subjects', 'silent'),
      context: (scope) => scope,
    }).listen(0);
  });
  afterAll(async () => {
    await listening?.close();
  });

  it('names a person read by ID under the root field', async () => {
    const reply = await query(`query($id: NationalId!) { person(nationalId: $id) { name } }`, {
      id: ZHANG,
    });
    expect(reply.data).toEqual({ person: { name: 'Zhang Min' } });
    expect(reply.extensions).toEqual({ subjects: { person: [ZHANG] } });
  });

  it('names a nested person whose key was not selected, under the alias of its root', async () => {
    const reply = await query(`{ who: person(nationalId: "${WANG}") { spouse { name } } }`);
    expect(reply.data).toEqual({ who: { spouse: { name: 'Li Wei' } } });
    expect(reply.extensions?.subjects).toEqual({ who: [LI, WANG].sort() });
  });

  it('names every person of a list once, sorted', async () => {
    const reply = await query(`{ people { name nationalId spouse { name } } }`);
    expect(reply.extensions?.subjects).toEqual({ people: [WANG, LI, ZHANG].sort() });
  });

  it('keeps aliased roots apart and names entities by credit code', async () => {
    const reply = await query(
      `{ a: legalEntity(creditCode: "${TEA}") { name }
         b: legalEntity(creditCode: "${LANTERN}") { representative { name } } }`,
    );
    expect(reply.extensions?.subjects).toEqual({
      a: [TEA],
      b: [LANTERN, ZHANG].sort(),
    });
  });

  it('groups entity fetches by representation index', async () => {
    const reply = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Person { spouse { name } }
         ... on LegalEntity { name }
       } }`,
      {
        r: [
          { __typename: 'Person', nationalId: WANG },
          { __typename: 'LegalEntity', creditCode: LANTERN },
          { __typename: 'Person', nationalId: nid('11010519491231001') },
          { __typename: 'Person', nationalId: ZHANG },
        ],
      },
    );
    expect(reply.data).toEqual({
      _entities: [
        { spouse: { name: 'Li Wei' } },
        { name: 'Beijing Lantern Works' },
        null,
        {
          spouse: null,
        },
      ],
    });
    // Index 2 is unknown to the department: nothing was answered for it.
    expect(reply.extensions?.subjects).toEqual({
      '_entities.0': [LI, WANG].sort(),
      '_entities.1': [LANTERN],
      '_entities.3': [ZHANG],
    });
  });

  it('adds no extension when no subject was answered for', async () => {
    const none = await query(
      `{ headcount { value } person(nationalId: "${nid('11010519491231001')}") { name } }`,
    );
    expect(none).toEqual({ data: { headcount: { value: 3 }, person: null } });
  });

  it('reports per request, never carrying one request’s subjects into the next', async () => {
    const [first, second] = await Promise.all([
      query(`{ person(nationalId: "${WANG}") { name } }`),
      query(`{ person(nationalId: "${LI}") { name } }`),
    ]);
    expect(first?.extensions?.subjects).toEqual({ person: [WANG] });
    expect(second?.extensions?.subjects).toEqual({ person: [LI] });
  });

  describe('a batched request (the gateway’s fetches that leave together)', () => {
    const batch = async (operations: unknown[], headers?: Record<string, string>) => {
      const res = await fetch(`${listening.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(headers ?? (await hub.headers())) },
        body: JSON.stringify(operations),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const entities = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Person { name } } }`;
    const ofPerson = (id: string) => ({
      query: entities,
      variables: { representations: [{ __typename: 'Person', nationalId: id }] },
    });

    it('answers each operation with its own data and subjects, under the same root keys', async () => {
      // The same document twice, for two people: both report `_entities.0`, each its own.
      const { status, body } = await batch([
        ofPerson(WANG),
        ofPerson(ZHANG),
        { query: `{ who: person(nationalId: "${LI}") { spouse { name } } }` },
      ]);
      expect(status).toBe(200);
      expect(body).toEqual([
        {
          data: { _entities: [{ name: 'Wang Fang' }] },
          extensions: { subjects: { '_entities.0': [WANG] } },
        },
        {
          data: { _entities: [{ name: 'Zhang Min' }] },
          extensions: { subjects: { '_entities.0': [ZHANG] } },
        },
        {
          data: { who: { spouse: { name: 'Wang Fang' } } },
          extensions: { subjects: { who: [LI, WANG].sort() } },
        },
      ]);
    });

    it('keeps one operation’s error to its own answer', async () => {
      const { status, body } = await batch([
        ofPerson(WANG),
        { query: '{ person(nationalId: "not an id") { name } }' },
      ]);
      // Apollo Server answers the whole batch with the failed operation's status.
      expect(status).toBe(400);
      const [good, bad] = body as Reply[];
      expect(good).toEqual({
        data: { _entities: [{ name: 'Wang Fang' }] },
        extensions: { subjects: { '_entities.0': [WANG] } },
      });
      expect(bad?.data).toBeUndefined();
      expect(bad?.errors).toHaveLength(1);
      expect(bad?.extensions).toBeUndefined();
    });

    it(`refuses a batch of more than ${MAX_BATCHED_OPERATIONS} operations whole, running none`, async () => {
      const { status, body } = await batch(
        Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, () => ofPerson(WANG)),
      );
      expect(status).toBe(400);
      const { errors } = body as { errors: { message: string; extensions: { code: string } }[] };
      expect(errors).toHaveLength(1);
      expect(errors[0]?.extensions.code).toBe('BAD_REQUEST');
      expect(errors[0]?.message).toContain(
        `a batch of ${MAX_BATCHED_OPERATIONS + 1} operations; a department takes at most ${MAX_BATCHED_OPERATIONS}`,
      );
      // Exactly the limit is taken.
      const taken = await batch(
        Array.from({ length: MAX_BATCHED_OPERATIONS }, () => ofPerson(ZHANG)),
      );
      expect(taken.status).toBe(200);
      expect(taken.body).toHaveLength(MAX_BATCHED_OPERATIONS);
    });

    it('refuses a batch with an element that is no parsable query, running none', async () => {
      for (const odd of [{ query: '{ person(' }, { variables: {} }, 'text', null]) {
        const { status, body } = await batch([ofPerson(WANG), odd]);
        expect(status).toBe(400);
        expect(JSON.stringify(body)).toContain('may hold queries only');
        expect(JSON.stringify(body)).not.toContain('Wang Fang');
      }
    });

    it('refuses a batch whose document also defines a mutation, whichever operation it names', async () => {
      const both = 'query Q { headcount { value } } mutation M { headcount { value } }';
      for (const operationName of ['Q', 'M']) {
        const { status, body } = await batch([ofPerson(WANG), { query: both, operationName }]);
        expect(status).toBe(400);
        expect(JSON.stringify(body)).toContain('may hold queries only');
        expect(JSON.stringify(body)).not.toContain('Wang Fang');
      }
    });

    it('checks the caller token before looking into a batch at all', async () => {
      // Without a token, an oversized or unsafe batch is refused for the token, not parsed.
      for (const operations of [
        Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, () => ofPerson(WANG)),
        [ofPerson(WANG), { query: 'mutation M { headcount { value } }' }],
        [{ query: '{ person(' }],
      ]) {
        const { status, body } = await batch(operations, {});
        expect(status).toBe(401);
        expect(
          (body as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
        ).toBe('HUB_CONTEXT_REQUIRED');
      }
    });

    it('refuses a batch without a caller token like a single request, running none', async () => {
      const { status, body } = await batch([ofPerson(WANG), ofPerson(LI)], {});
      expect(status).toBe(401);
      expect(JSON.stringify(body)).not.toContain('Wang Fang');
      expect(
        (body as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
      ).toBe('HUB_CONTEXT_REQUIRED');
    });

    it('counts the HTTP requests it took and their operations, and nothing it refused', async () => {
      const taken = async () => {
        const text = await (await fetch(`${listening.url}/metrics`)).text();
        const labels = { department: 'subjects' };
        return {
          requests: metricSum(text, 'govgraph_department_http_operations_count', labels),
          operations: metricSum(text, 'govgraph_department_http_operations_sum', labels),
        };
      };
      const before = await taken();
      expect(before.requests).toBeGreaterThanOrEqual(0);
      await batch([ofPerson(WANG), ofPerson(LI), ofPerson(ZHANG)]);
      await query('{ headcount { value } }');
      // Refused before anything ran: no token, a mutation, too many operations.
      await batch([ofPerson(WANG), ofPerson(LI)], {});
      await batch([ofPerson(WANG), { query: 'mutation M { headcount { value } }' }]);
      await batch(Array.from({ length: MAX_BATCHED_OPERATIONS + 1 }, () => ofPerson(WANG)));
      expect(await taken()).toEqual({
        requests: Number(before.requests) + 2,
        operations: Number(before.operations) + 4,
      });
    });
  });
});

describe('subjectsFromExtensions', () => {
  it('reads the map a department reported', () => {
    expect(
      subjectsFromExtensions({ [SUBJECTS_EXTENSION]: { person: [WANG], '_entities.2': [TEA] } }),
    ).toEqual({ person: [WANG], '_entities.2': [TEA] });
  });

  it('is undefined when nothing was reported, and drops malformed entries', () => {
    expect(subjectsFromExtensions(undefined)).toBeUndefined();
    expect(subjectsFromExtensions({ other: 1 })).toBeUndefined();
    expect(subjectsFromExtensions({ subjects: [WANG] })).toBeUndefined();
    expect(subjectsFromExtensions({ subjects: { a: 'x', b: [1, WANG], c: [] } })).toEqual({
      b: [WANG],
    });
  });
});
