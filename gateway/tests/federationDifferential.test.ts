import { randomUUID } from 'node:crypto';
import { connectTestRedis, TEST_REDIS_URL } from '@govgraph/testing';
import fc from 'fast-check';
import { type GraphQLSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServerOptions } from '../src/index.js';
import { createApolloGateway } from '../src/index.js';
import { type BareGateway, startBareGateway } from './federation/bareGateway.js';
import {
  type Answer,
  canonicalJson,
  normalizeAnswer,
  type Side,
} from './federation/normalizeAnswer.js';
import { OPERATIONS } from './federation/operations.js';
import { type Federation, startFederation } from './federation/startFederation.js';
import {
  createHubTester,
  errorCodes,
  firstError,
  type GraphQLRequest,
  type HubTester,
  postGraphQL,
  silentLogger,
  testCallerToken,
} from './support/index.js';
import {
  anyStyle,
  executionCounts,
  type Rendered,
  randomOperation,
  randomSearch,
  render,
  type ScalarValues,
} from './support/randomOperations.js';

// Differential tests: govgraph's gateway must answer every operation over the Federation v2
// fixture subgraphs (tests/federation/, docs/federation.md) exactly as bare @apollo/gateway
// does — `data` and `errors` as canonical JSON (keys sorted) — with its caches off, and with
// the entity and root caches on (then also the response cache), cold and then warm. Only the
// differences govgraph makes on purpose are normalised away, in one place (normalizeAnswer).

// Random operations: FC_RUNS, FC_SEED and FC_PATH as randomSearch says.
const { scale } = randomSearch;
const runs = 100 * scale;

/** Argument values the random operations take: known and unknown keys of every fixture. */
const SCALARS: ScalarValues = {
  ID: ['1', '3', '404', 'x1', 'u1', 'u9', 'b1', 'b2', 'm1'],
  Int: [1, 3],
  Float: [1.5],
  String: ['a', 'chair', 'ghost'],
  Boolean: [true, false],
};

const UNLIMITED = {
  maxDepth: 1000,
  maxAliases: 1e6,
  maxDirectives: 1e6,
  maxTokens: 1e6,
  maxCost: 1e9,
  requestsPerSecond: 1e6,
  costPerSecond: 1e12,
};

let federation: Federation;
let bare: BareGateway;
let schema: GraphQLSchema;
let off: HubTester;
let apolloExecutor: HubTester;
let entity: HubTester;
let all: HubTester;
const departmentByUrl = new Map<string, string>();
const prefixes: string[] = [];

/** govgraph over the fixtures with these caches, in Redis under a prefix of its own. */
function startHub(
  cache: GatewayServerOptions['cache'],
  executor: GatewayServerOptions['executor'] = 'lean',
): Promise<HubTester> {
  const keyPrefix = `govgraph-test:federation:${randomUUID()}`;
  prefixes.push(keyPrefix);
  return createHubTester({
    supergraph: federation.supergraphSdl,
    gateway: {
      cache: cache && { redisUrl: TEST_REDIS_URL, keyPrefix, ...cache },
      // The limits refuse before anything runs (their own tests cover them); here they would
      // only refuse a random operation bare @apollo/gateway answers, or a burst of them.
      limits: UNLIMITED,
      executor,
    },
  });
}

beforeAll(async () => {
  federation = await startFederation();
  for (const s of federation.subgraphs) departmentByUrl.set(s.url, s.name);
  for (const [name, url] of Object.entries(federation.otherUrls)) departmentByUrl.set(url, name);
  bare = await startBareGateway(federation.supergraphSdl, testCallerToken.signer);
  off = await startHub({ enabled: false });
  apolloExecutor = await startHub({ enabled: false }, 'apollo');
  entity = await startHub({ response: false });
  all = await startHub({});
  const gateway = createApolloGateway({
    supergraphSdl: federation.supergraphSdl,
    logger: silentLogger(),
  });
  schema = (await gateway.load()).schema;
  await gateway.stop();
});

afterAll(async () => {
  for (const hub of [off, apolloExecutor, entity, all]) await hub?.close();
  await bare?.close();
  await federation?.close();
  const redis = await connectTestRedis();
  try {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
});

async function answer(url: string, request: GraphQLRequest, side: Side): Promise<string> {
  const { body } = await postGraphQL(url, request);
  const raw: Answer = { data: body.data, errors: body.errors };
  return canonicalJson(normalizeAnswer(raw, side, departmentByUrl));
}

/**
 * The request through bare @apollo/gateway and every govgraph variant, in this order: caches
 * off, entity + root caches cold then warm, every cache cold then warm. Each must equal bare.
 */
async function expectSameAnswers(request: GraphQLRequest): Promise<void> {
  const expected = await answer(bare.graphqlUrl, request, 'bare');
  const variants: [string, HubTester][] = [
    ['caches off', off],
    ["caches off, Apollo's executor", apolloExecutor],
    ['entity + root caches, cold', entity],
    ['entity + root caches, warm', entity],
    ['every cache, cold', all],
    ['every cache, warm', all],
  ];
  for (const [variant, hub] of variants) {
    const got = await answer(hub.graphqlUrl, request, 'govgraph');
    expect(got, `${variant}: ${JSON.stringify(request)}`).toBe(expected);
  }
}

describe('govgraph answers every fixture operation as bare @apollo/gateway does', () => {
  for (const op of OPERATIONS) {
    it(op.name, async () => {
      await expectSameAnswers({ query: op.query, variables: op.variables });
    });
  }

  it('serves the warm runs from its caches', async () => {
    // Without cache hints every fixture type takes the default TTL (cachePolicy.ts), so the
    // caches must engage: otherwise the warm comparisons prove nothing.
    const chained = OPERATIONS.find((op) => op.name === '@requires through an entity chain');
    await expectSameAnswers({ query: chained?.query ?? '' });
    expect(await cacheHits(entity, 'entity')).toBeGreaterThan(0);
    expect(await cacheHits(entity, 'root')).toBeGreaterThan(0);
    expect(await cacheHits(all, 'response')).toBeGreaterThan(0);
  });
});

describe('a department refusing the document the gateway built', () => {
  // Apollo's planner bug above: products refuses the fetch GRAPHQL_VALIDATION_FAILED. The
  // caller's operation was valid, so govgraph must not say it failed validation (bare does).
  it('is the hub’s fault: DEPARTMENT_ERROR, never the department’s validation code', async () => {
    const query = '{ topProducts(first: 1) { price @skip(if: false) usdShipping } }';
    const { body: bareBody } = await postGraphQL(bare.graphqlUrl, query);
    expect(JSON.stringify(bareBody.errors)).toContain('GRAPHQL_VALIDATION_FAILED');
    const { body } = await postGraphQL(off.graphqlUrl, query);
    expect(body.data).toBeNull();
    expect(errorCodes(body)).toEqual(['DEPARTMENT_ERROR']);
    expect(firstError(body).extensions?.department).toBe('products');
    expect(JSON.stringify(body)).not.toContain('VALIDATION');
  });
});

describe('govgraph answers random operations over the fixtures as bare @apollo/gateway does', () => {
  it(
    'random valid operations, with fragments, aliases, variables and directives',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), anyStyle, async (g, style) => {
          const operation = randomOperation(g, schema, 'query', 4, SCALARS);
          const rendered: Rendered = render(operation, style);
          const errors = validate(schema, parse(rendered.text));
          if (errors.length > 0) {
            throw new Error(
              `generated an invalid operation: ${errors[0]?.message}\n${rendered.text}`,
            );
          }
          await expectSameAnswers({ query: rendered.text, variables: rendered.variables });
        }),
        {
          ...randomSearch.parameters(runs),
        },
      );
      // Six requests per operation; a loaded machine (the whole suite on two cores) needs room.
    },
    120_000 * scale,
  );
});

describe('the executors behind the answers', () => {
  it('the lean executor ran the fixture operations; Apollo’s only where the hub says so', async () => {
    const before = (await executionCounts(off.url)).get('lean') ?? 0;
    // Refused before execution (validation, variables): the answer has no `data` at all.
    let executed = 0;
    for (const op of OPERATIONS) {
      const { body } = await off.post({ query: op.query, variables: op.variables });
      if ('data' in body) executed += 1;
    }
    const lean = await executionCounts(off.url);
    expect(executed).toBeGreaterThan(OPERATIONS.length - 5);
    expect(lean.get('lean')).toBe(before + executed);
    // Every fixture plan is one the lean executor runs: none was left to Apollo's.
    expect([...lean.keys()].filter((key) => key !== 'lean')).toEqual([]);
    const apollo = await executionCounts(apolloExecutor.url);
    expect(apollo.get('lean')).toBeUndefined();
  });

  it('never shows a caller the query plan, whatever header it sends', async () => {
    // Apollo's executor answers this header with the plan outside NODE_ENV=production.
    const query = '{ topReviews { id product { name warehouse { city } } } }';
    for (const format of ['prettified', 'internal']) {
      const headers = {
        'Apollo-Query-Plan-Experimental': 'true',
        'Apollo-Query-Plan-Experimental-Format': format,
      };
      for (const hub of [off, apolloExecutor]) {
        const { body } = await hub.post({ query }, { headers });
        expect(body.errors).toBeUndefined();
        expect(body.extensions).toBeUndefined();
        expect(JSON.stringify(body)).not.toContain('Fetch');
      }
      const { body } = await postGraphQL(bare.graphqlUrl, { query }, { headers });
      expect(body.extensions).toBeUndefined();
    }
  });

  it('schema introspection goes to Apollo’s executor, with the same answer', async () => {
    const query = '{ __schema { queryType { name } } topProducts(first: 1) { upc } }';
    const before = (await executionCounts(off.url)).get('apollo: schema introspection') ?? 0;
    await expectSameAnswers({ query });
    const { body } = await off.post({ query });
    expect(body.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
      topProducts: [{ upc: '1' }],
    });
    expect((await executionCounts(off.url)).get('apollo: schema introspection')).toBe(before + 2);
  });

  it('a condition variable sent as null goes to Apollo’s executor, with the same answer', async () => {
    // A nullable variable with a default may be sent as null; Apollo's executor fails the
    // request on it. The lean one checks before any fetch and leaves such a request to Apollo.
    const query =
      'query ($s: Boolean = false) { topProducts(first: 1) { upc name @skip(if: $s) } }';
    const before =
      (await executionCounts(off.url)).get('apollo: non-boolean condition variable') ?? 0;
    await expectSameAnswers({ query, variables: { s: null } });
    expect((await executionCounts(off.url)).get('apollo: non-boolean condition variable')).toBe(
      before + 1,
    );
    await expectSameAnswers({ query, variables: { s: true } });
    const { body } = await off.post({ query, variables: { s: true } });
    expect(body).toEqual({ data: { topProducts: [{ upc: '1' }] } });
  });
});

/** The hits a govgraph gateway counted for one cache (`govgraph_cache_hits_total`). */
async function cacheHits(hub: HubTester, cache: string): Promise<number> {
  const text = await (await fetch(`${hub.url}/metrics`)).text();
  let hits = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('govgraph_cache_hits_total{') && line.includes(`cache="${cache}"`)) {
      hits += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return hits;
}
