import { createHash } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { buildDepartmentSchema } from '@govgraph/department';
import { createGraphQLHandler, type Listening, listen } from '@govgraph/server';
import { metricSum } from '@govgraph/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as companies from './support/departments/companies.js';
import {
  composeSupergraph,
  type Fixture,
  LANTERN,
  LI,
  postGraphQL,
  type RunningFixture,
  silentLogger,
  startFixture,
  type TempFile,
  tempSupergraph,
  useFixtureGateways,
  WANG,
} from './support/index.js';

// The gateway sends a department a query it has run before by its hash instead of its text
// (docs/architecture.md#persisted-department-queries). Read at the departments: what each
// request carried, and what each answered, when the department holds the text, has lost it,
// or takes no persisted queries at all; and that a mutation always goes as text.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface SentOperation {
  query?: string;
  extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
}

/** Every operation a department received, batches flattened, in order. */
const operationsAt = (fixture: RunningFixture, from = 0): SentOperation[] =>
  fixture.bodies.slice(from).flatMap((body) => (Array.isArray(body) ? body : [body]));

/** How each operation was sent: its text, its hash, or both; checking that the hash is the text's. */
function formsOf(operations: readonly SentOperation[]): string[] {
  return operations.map(({ query, extensions }) => {
    const hash = extensions?.persistedQuery?.sha256Hash;
    if (hash === undefined) return 'text';
    if (query === undefined) return 'hash';
    expect(hash).toBe(sha256(query));
    return 'both';
  });
}

/** One document for everyone: the department fetches' texts are the same for every person. */
const PERSON_WITH_COMPANIES = (id: string) => ({
  query: 'query Person($id: NationalId!) { person(nationalId: $id) { name companies { name } } }',
  variables: { id },
});

describe('persisted department queries', () => {
  const fixtures = useFixtureGateways();
  const { startGateway, afterTest } = fixtures;

  it('sends a query with its text and hash the first time, then by its hash alone', async () => {
    const url = await startGateway();
    const [atRegistry, atBusiness] = [
      fixtures.registry.bodies.length,
      fixtures.business.bodies.length,
    ];
    const li = await postGraphQL(url, PERSON_WITH_COMPANIES(LI));
    expect(li.body).toEqual({
      data: { person: { name: 'Li Wei', companies: [{ name: 'Beijing Lantern Works' }] } },
    });
    // Another person: the same fetches with other variables, so by hash alone.
    const wang = await postGraphQL(url, PERSON_WITH_COMPANIES(WANG));
    expect(wang.body).toEqual({
      data: { person: { name: 'Wang Fang', companies: [{ name: 'Minjiang Tea Co.' }] } },
    });
    expect(formsOf(operationsAt(fixtures.registry, atRegistry))).toEqual(['both', 'hash']);
    expect(formsOf(operationsAt(fixtures.business, atBusiness))).toEqual(['both', 'hash']);
    // Each hash is that of the first request's text.
    const [first, second] = operationsAt(fixtures.business, atBusiness);
    expect(second?.extensions?.persistedQuery?.sha256Hash).toBe(sha256(first?.query ?? ''));
    expect(second?.extensions?.persistedQuery?.sha256Hash).toBe(
      first?.extensions?.persistedQuery?.sha256Hash,
    );
    // The department counted one registration and one hit.
    const metrics = await (
      await fetch(fixtures.business.url.replace(/\/graphql$/, '/metrics'))
    ).text();
    const outcome = (name: string) =>
      metricSum(metrics, 'govgraph_department_persisted_queries_total', {
        department: 'business',
        outcome: name,
      });
    expect([outcome('registered'), outcome('hit')]).toEqual([1, 1]);
  });

  it('sends the text again to a department that lost it (restarted), and the caller sees nothing', async () => {
    const doomed = await startFixture(companies);
    afterTest(() => doomed.close());
    const url = await startGateway({ subgraphUrls: { business: doomed.url } });
    await postGraphQL(url, PERSON_WITH_COMPANIES(LI));
    expect(formsOf(operationsAt(doomed))).toEqual(['both']);

    await doomed.close();
    const again = await startFixture(companies, silentLogger(), Number(new URL(doomed.url).port));
    afterTest(() => again.close());
    const wang = await postGraphQL(url, PERSON_WITH_COMPANIES(WANG));
    expect(wang.body).toEqual({
      data: { person: { name: 'Wang Fang', companies: [{ name: 'Minjiang Tea Co.' }] } },
    });
    // The hash it no longer held, answered PERSISTED_QUERY_NOT_FOUND; then text and hash.
    expect(formsOf(operationsAt(again))).toEqual(['hash', 'both']);
    const li = await postGraphQL(url, PERSON_WITH_COMPANIES(LI));
    expect(li.body.errors).toBeUndefined();
    expect(formsOf(operationsAt(again))).toEqual(['hash', 'both', 'hash']);
  });

  it('sends texts only to a subgraph that takes no persisted queries', async () => {
    const plain = new ApolloServer({
      schema: buildDepartmentSchema(companies.typeDefs, companies.resolvers),
      persistedQueries: false,
    });
    await plain.start();
    const received: unknown[] = [];
    const handler = createGraphQLHandler(plain, { context: async () => ({}) });
    const plainListening: Listening = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => received.push(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      handler(req, res);
    }, 0);
    afterTest(async () => {
      await plainListening.close();
      await plain.stop();
    });
    const url = await startGateway({ subgraphUrls: { business: `${plainListening.url}/graphql` } });
    for (const id of [LI, WANG, LI]) {
      const { body } = await postGraphQL(url, PERSON_WITH_COMPANIES(id));
      expect(body.errors).toBeUndefined();
      expect(body.data?.person).toMatchObject({ companies: [{ name: expect.any(String) }] });
    }
    // Refused once (PERSISTED_QUERY_NOT_SUPPORTED), then sent as text, and text ever after.
    expect(formsOf(received as SentOperation[])).toEqual(['both', 'text', 'text', 'text']);
  });

  it('sends texts only when SUBGRAPH_PERSISTED_QUERIES is off', async () => {
    const url = await startGateway({ subgraphPersistedQueries: false });
    const from = fixtures.business.bodies.length;
    for (const id of [LI, WANG]) {
      const { body } = await postGraphQL(url, PERSON_WITH_COMPANIES(id));
      expect(body.errors).toBeUndefined();
    }
    expect(formsOf(operationsAt(fixtures.business, from))).toEqual(['text', 'text']);
  });

  describe('with a mutation', () => {
    let clerk: RunningFixture;
    let clerkFile: TempFile;
    let registered = 0;
    const ledger: Fixture = {
      name: 'ledger',
      typeDefs: parse(`
        type Query {
          "A business's entry."
          entry(creditCode: CreditCode!): String
        }
        type Mutation {
          "Registers a business; answers how many are registered."
          register(creditCode: CreditCode!): Int!
        }
      `),
      resolvers: {
        Query: { entry: (_: unknown, args: { creditCode: string }) => `entry ${args.creditCode}` },
        Mutation: { register: () => ++registered },
      },
    };
    beforeAll(async () => {
      clerk = await startFixture(ledger);
      clerkFile = await tempSupergraph(composeSupergraph([clerk]));
    });
    afterAll(async () => {
      await clerk?.close();
      await clerkFile?.remove();
    });

    it('always sends a mutation as its text, without a hash, and runs it once per call', async () => {
      const url = await startGateway({ supergraphPath: clerkFile.path });
      const mutation = `mutation { register(creditCode: "${LANTERN}") }`;
      expect((await postGraphQL(url, mutation)).body).toEqual({ data: { register: 1 } });
      expect((await postGraphQL(url, mutation)).body).toEqual({ data: { register: 2 } });
      const query = `{ entry(creditCode: "${LANTERN}") }`;
      for (let i = 0; i < 2; i++) {
        expect((await postGraphQL(url, query)).body).toEqual({
          data: { entry: `entry ${LANTERN}` },
        });
      }
      expect(formsOf(operationsAt(clerk))).toEqual(['text', 'text', 'both', 'hash']);
      expect(registered).toBe(2);
    });
  });
});
