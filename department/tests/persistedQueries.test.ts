import { createHash } from 'node:crypto';
import { createDepartmentServer } from '@govgraph/department';
import { nationalIdCheckChar } from '@govgraph/schema';
import { createLogger, type Listening } from '@govgraph/server';
import { createTestCallerToken, metricSum, type TestCallerToken } from '@govgraph/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// A department keeps the text of a query the gateway sends with its hash, and runs it later by
// the hash alone (docs/architecture.md#persisted-department-queries). These tests try to make it
// keep or run what it must not: a mutation (alone, in a batch, by GET), a text under another
// text's hash, a hash without the caller token.

const nid = (first17: string) => `${first17}${nationalIdCheckChar(first17)}`;
const WANG = '11010519491231002X';
const LI = nid('31010419800315123');
const NAMES: Record<string, string> = { [WANG]: 'Wang Fang', [LI]: 'Li Wei' };

const typeDefs = parse(`
  type Query {
    "A person."
    person(nationalId: NationalId!): Person @classification(level: PERSONAL)
    "How many people."
    headcount: Int! @classification(level: PUBLIC)
  }
  type Mutation {
    "Counts a call: a test reads how often it ran."
    bump: Int! @classification(level: PUBLIC)
  }
  "A person."
  type Person @key(fields: "nationalId") {
    "ID."
    nationalId: NationalId! @classification(level: PERSONAL)
    "Name."
    name: String! @classification(level: PERSONAL)
  }
`);

let bumps = 0;
const resolvers = {
  Query: {
    person: (_: unknown, args: { nationalId: string }) =>
      NAMES[args.nationalId] ? { nationalId: args.nationalId, name: NAMES[args.nationalId] } : null,
    headcount: () => Object.keys(NAMES).length,
  },
  Mutation: { bump: () => ++bumps },
};

const PERSON = 'query Person($id: NationalId!) { person(nationalId: $id) { name } }';
const HEADCOUNT = 'query Headcount { headcount }';
const BUMP = 'mutation Bump { bump }';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
/** An operation sent by its hash alone. */
const byHash = (text: string, variables?: Record<string, unknown>) => ({
  extensions: persisted(sha256(text)),
  ...(variables ? { variables } : {}),
});
/** An operation sent with its text and hash: the department keeps it. */
const withHash = (text: string, variables?: Record<string, unknown>) => ({
  query: text,
  ...byHash(text, variables),
});

interface Reply {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('a department keeps queries by hash, and nothing else', () => {
  let listening: Listening;
  let hub: TestCallerToken;
  const post = async (body: unknown, headers?: Record<string, string>) => {
    const res = await fetch(`${listening.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(headers ?? (await hub.headers())) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Reply & Reply[] };
  };
  const counted = async () => {
    const text = await (await fetch(`${listening.url}/metrics`)).text();
    const outcome = (name: string) =>
      metricSum(text, 'govgraph_department_persisted_queries_total', {
        department: 'kept',
        outcome: name,
      }) ?? 0;
    return {
      hit: outcome('hit'),
      registered: outcome('registered'),
      notFound: outcome('not_found'),
    };
  };
  const codesOf = (reply: Reply) => reply.errors?.map((e) => e.extensions?.code);

  beforeAll(async () => {
    hub = await createTestCallerToken();
    listening = await createDepartmentServer({
      name: 'kept',
      callerToken: hub.verifier,
      typeDefs,
      resolvers,
      logger: createLogger('kept', 'silent'),
      context: (scope) => scope,
    }).listen(0);
  });
  afterAll(async () => {
    await listening?.close();
  });
  beforeEach(() => {
    bumps = 0;
  });

  it('runs a query by its hash once it has run it from its text, with each call’s variables', async () => {
    const before = await counted();
    expect(await post(withHash(PERSON, { id: WANG }))).toEqual({
      status: 200,
      body: {
        data: { person: { name: 'Wang Fang' } },
        extensions: { subjects: { person: [WANG] } },
      },
    });
    // The document is kept, not the answer: the hash alone runs it for another person.
    expect(await post(byHash(PERSON, { id: LI }))).toEqual({
      status: 200,
      body: { data: { person: { name: 'Li Wei' } }, extensions: { subjects: { person: [LI] } } },
    });
    expect(await counted()).toEqual({
      hit: before.hit + 1,
      registered: before.registered + 1,
      notFound: before.notFound,
    });
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for a hash it does not hold, running nothing', async () => {
    const before = await counted();
    const { status, body } = await post(byHash('query Unknown { headcount }'));
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(codesOf(body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await counted()).notFound).toBe(before.notFound + 1);
  });

  it('refuses a mutation sent with a hash: it does not run and is not kept', async () => {
    const refused = await post(withHash(BUMP));
    expect(refused.status).toBe(400);
    expect(codesOf(refused.body)).toEqual(['BAD_REQUEST']);
    expect(refused.body.errors?.[0]?.message).toContain('Only queries are kept by hash');
    // A document that also defines a mutation is refused too, whichever operation it names.
    const both = `${HEADCOUNT} ${BUMP}`;
    for (const operationName of ['Headcount', 'Bump']) {
      const mixed = await post({ ...withHash(both), operationName });
      expect(mixed.status).toBe(400);
      expect(codesOf(mixed.body)).toEqual(['BAD_REQUEST']);
      expect(codesOf((await post({ ...byHash(both), operationName })).body)).toEqual([
        'PERSISTED_QUERY_NOT_FOUND',
      ]);
    }
    expect(codesOf((await post(byHash(BUMP))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(bumps).toBe(0);
    // Sent as text, without a hash, the mutation runs as ever.
    expect((await post({ query: BUMP })).body).toEqual({ data: { bump: 1 } });
  });

  it('keeps nothing a GET sends for a mutation with its hash', async () => {
    const bump = 'mutation BumpByGet { bump }';
    const search = new URLSearchParams({
      query: bump,
      extensions: JSON.stringify(persisted(sha256(bump))),
    });
    const res = await fetch(`${listening.url}/graphql?${search}`, {
      headers: { 'apollo-require-preflight': 'true', ...(await hub.headers()) },
    });
    expect(res.status).toBe(405);
    expect(codesOf((await post(byHash(bump))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(bumps).toBe(0);
  });

  it('never keeps a text under another text’s hash', async () => {
    const other = 'query Other { headcount }';
    const forged = await post({ query: HEADCOUNT, extensions: persisted(sha256(other)) });
    expect(forged.status).toBe(400);
    expect(codesOf(forged.body)).toEqual(['BAD_REQUEST']);
    expect(forged.body.errors?.[0]?.message).toContain('is not the SHA-256 of the query text');
    expect(codesOf((await post(byHash(other))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('asks for the caller token before it looks a hash up', async () => {
    await post(withHash(HEADCOUNT));
    const { status, body } = await post(byHash(HEADCOUNT), {});
    expect(status).toBe(401);
    expect(codesOf(body)).toEqual(['HUB_CONTEXT_REQUIRED']);
    expect(JSON.stringify(body)).not.toContain('"headcount"');
  });

  describe('in a batch', () => {
    it('runs queries sent by hash alone beside texts; a hash it lacks fails its own part only', async () => {
      await post(withHash(PERSON, { id: WANG }));
      const { status, body } = await post([
        byHash(PERSON, { id: LI }),
        byHash('query NeverSent { headcount }'),
        { query: HEADCOUNT },
      ]);
      expect(status).toBe(200);
      expect(body).toHaveLength(3);
      expect(body[0]).toEqual({
        data: { person: { name: 'Li Wei' } },
        extensions: { subjects: { person: [LI] } },
      });
      expect(codesOf(body[1] as Reply)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(body[2]).toEqual({ data: { headcount: 2 } });
    });

    it('cannot run a mutation by its hash, even one it ran alone before', async () => {
      const bump = 'mutation BumpAlone { bump }';
      expect((await post({ query: bump })).body).toEqual({ data: { bump: 1 } });
      const { body } = await post([byHash(bump), byHash(PERSON, { id: WANG })]);
      expect(codesOf(body[0] as Reply)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(bumps).toBe(1);
    });

    it('refuses a batch whose mutation carries a hash, or whose hash is malformed, running none', async () => {
      await post(withHash(HEADCOUNT));
      for (const odd of [
        withHash(BUMP),
        { extensions: { persistedQuery: { version: 1, sha256Hash: 7 } } },
        { extensions: { persistedQuery: null } },
        { extensions: 'persistedQuery' },
      ]) {
        const { status, body } = await post([byHash(HEADCOUNT), odd]);
        expect(status).toBe(400);
        expect(JSON.stringify(body)).toContain('may hold queries only');
        expect(JSON.stringify(body)).not.toContain('"headcount"');
      }
      expect(bumps).toBe(0);
      // A text under another text's hash refuses the batch too, and is not kept.
      const other = 'query OtherInBatch { headcount }';
      const forged = await post([
        byHash(HEADCOUNT),
        { query: HEADCOUNT, extensions: persisted(sha256(other)) },
      ]);
      expect(forged.status).toBe(400);
      expect(JSON.stringify(forged.body)).toContain('is not the SHA-256 of the query text');
      expect(codesOf((await post(byHash(other))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    });
  });
});
