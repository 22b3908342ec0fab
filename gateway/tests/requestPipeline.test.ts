import { ApolloServer, HeaderMap } from '@apollo/server';
import type { AuditEntry, AuditLog, Caller } from '@govgraph/governance';
import { FORBIDDEN } from '@govgraph/schema';
import { createLogger } from '@govgraph/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../src/access/useAccessPolicy.js';
import { takeSubjects } from '../src/audit/takeSubjects.js';
import { createGatewayCache, type GatewayCache } from '../src/cache/createGatewayCache.js';
import { isUnopened } from '../src/cache/storedAnswer.js';
import type { GatewayContext } from '../src/context.js';
import { DEFAULT_REQUEST_LIMITS } from '../src/limits/requestLimits.js';
import { createGatewayMetrics } from '../src/metrics/gatewayMetrics.js';
import { accessStage } from '../src/pipeline/accessStage.js';
import { requestPipeline } from '../src/pipeline/requestPipeline.js';
import { SubjectLedger } from '../src/pipeline/SubjectLedger.js';
import { createRateLimiter } from '../src/rateLimit/rateLimiter.js';

const WANG = '11010519491231002X';
const PERSON = 'query Person($id: ID!) { person(id: $id) }';
// The spouse's national ID is in the answer only: no department reports it as a subject.
const LI = '110105195003150027';
const SPOUSE = 'query Spouse($id: ID!) { partner: spouse(id: $id) }';
const logger = createLogger('requestPipeline.test', 'silent');
// An operator sees the response cache's workings in `extensions.cache` (CACHE_DEBUG_HEADER).
const agency = (agencyId: string): Caller => ({
  kind: 'agency',
  agencyId,
  name: agencyId,
  roles: ['operator'],
  credential: 'api-key',
});

/**
 * Stands in for the access policy's plugin with its contract: `context.access` set in
 * `didResolveOperation`, also when it denies, then FORBIDDEN. An agency whose id starts with
 * `denied-` is denied `Query.person`.
 */
function testPolicy(): AccessPolicy {
  return {
    update: () => {},
    readableSchema: (schema) => schema,
    plugin: () => ({
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue }) {
            const { caller } = contextValue;
            const denied =
              caller.kind === 'agency' && caller.agencyId.startsWith('denied-')
                ? [{ coordinate: 'Query.person', reason: 'no grant' }]
                : [];
            contextValue.access = {
              operationHash: 'person',
              operationName: 'Person',
              coordinates: ['Query.person'],
              level: 'PERSONAL',
              denied,
            };
            if (denied.length > 0) throw FORBIDDEN.refusal('Query.person is not granted.');
          },
        };
      },
    }),
  };
}

function contextOf(agencyId: string, requestId: string): GatewayContext {
  return {
    requestId,
    correlationId: null,
    logger,
    caller: agency(agencyId),
    purpose: null,
    caseId: null,
    operatorId: null,
    limits: { ...DEFAULT_REQUEST_LIMITS },
    ledger: new SubjectLedger(),
  };
}

const noStage = { plugin: () => ({}) };

describe('the request pipeline', () => {
  const audited: AuditEntry[] = [];
  const log: AuditLog = {
    append: async (entry) => void audited.push(entry),
    close: async () => {},
  };
  let cache: GatewayCache | undefined;
  let server: ApolloServer<GatewayContext>;
  let resolved = 0;
  const ask = async (context: GatewayContext, query = PERSON) => {
    const response = await server.executeOperation(
      {
        query,
        variables: { id: WANG },
        http: {
          method: 'POST',
          headers: new HeaderMap([['x-govgraph-debug', 'cache']]),
          search: '',
          body: {},
        },
      },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  beforeAll(async () => {
    cache = createGatewayCache({ entity: false }, logger, createGatewayMetrics());
    const stages = requestPipeline({
      limitChecks: noStage,
      policy: testPolicy(),
      costLimit: noStage,
      rateLimiter: undefined,
      cache,
      audit: { log, logger },
      observer: noStage,
      graphiqlMetadata: noStage,
    });
    server = new ApolloServer<GatewayContext>({
      typeDefs:
        'scalar NationalId type Query { person(id: ID!): String spouse(id: ID!): NationalId }',
      resolvers: {
        Query: {
          person: (_: unknown, { id }: { id: string }, context: GatewayContext) => {
            resolved += 1;
            // As a department reports the subjects it returned.
            context.ledger.record([id]);
            return 'Wang Fang';
          },
          spouse: () => LI,
        },
      },
      plugins: stages.map(({ plugin }) => plugin),
    });
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs the access stage before the cost and rate limits, the response cache and the audit', () => {
    const names = requestPipeline({
      limitChecks: noStage,
      policy: testPolicy(),
      costLimit: noStage,
      rateLimiter: createRateLimiter({}, logger, createGatewayMetrics()),
      cache,
      audit: { log, logger },
      observer: noStage,
      graphiqlMetadata: noStage,
    }).map(({ name }) => name);
    const order = ['access', 'cost limit', 'rate limit', 'response cache', 'audit', 'observer'];
    expect(names.filter((name) => order.includes(name))).toEqual(order);
    expect(names[0]).toBe('operation guard');
  });

  it('stores an allowed answer and serves it, audited as cached with its subjects', async () => {
    const first = contextOf('police', 'first');
    const stored = await ask(first);
    expect(stored.data).toEqual({ person: 'Wang Fang' });
    expect(stored.extensions?.cache).toMatchObject({ response: 'stored' });
    const hit = await ask(contextOf('police', 'second'));
    // No stage opened the hit's data (the audit, the cache's own store path): sent as stored.
    expect(isUnopened(hit.data)).toBe(true);
    expect(hit.data).toEqual({ person: 'Wang Fang' });
    expect(isUnopened(hit.data)).toBe(false);
    expect(hit.extensions?.cache).toMatchObject({ response: 'hit' });
    expect(resolved).toBe(1);
    expect(audited.find((e) => e.requestId === 'second')).toMatchObject({
      outcome: 'ok',
      cached: true,
      subjects: [WANG],
    });
  });

  it('audits a hit with every subject its answer names, also those no department reported', async () => {
    const stored = await ask(contextOf('police', 'spouse-first'), SPOUSE);
    expect(stored.data).toEqual({ partner: LI });
    expect(stored.extensions?.cache).toMatchObject({ response: 'stored' });
    const hit = await ask(contextOf('police', 'spouse-hit'), SPOUSE);
    expect(hit.extensions?.cache).toMatchObject({ response: 'hit' });
    expect(isUnopened(hit.data)).toBe(true); // the audit did not walk it
    expect(hit.data).toEqual({ partner: LI });
    const records = ['spouse-first', 'spouse-hit'].map((id) =>
      audited.find((e) => e.requestId === id),
    );
    // The first from its data; the hit from its entry, its data never walked.
    expect(records.map((r) => r?.subjects)).toEqual([[LI], [LI]]);
    expect(records[1]).toMatchObject({ cached: true, outcome: 'ok' });
  });

  it('never serves a denied operation from the response cache, and audits it as denied', async () => {
    const denied = contextOf('denied-tax', 'denied');
    const result = await ask(denied);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // The response cache was never consulted (no hit, no miss), though the operation is stored.
    expect(result.extensions?.cache).toMatchObject({ response: 'bypass' });
    expect(denied.ledger.cached).toBe(false);
    expect(resolved).toBe(1);
    expect(audited.find((e) => e.requestId === 'denied')).toMatchObject({
      outcome: 'denied',
      cached: false,
      denied: [{ coordinate: 'Query.person', reason: 'no grant' }],
    });
  });
});

describe('the access stage and the subject ledger', () => {
  it('reads the decision the access plugin left, and nothing without one', () => {
    const { verdicts, plugins } = accessStage(undefined);
    expect(plugins).toEqual([]);
    const context = contextOf('police', 'r');
    expect(verdicts.decisionOf(context)).toBeUndefined();
    expect(verdicts.denied(context)).toBe(false);
    context.access = {
      operationHash: 'h',
      operationName: null,
      coordinates: ['Query.person'],
      level: 'PERSONAL',
      denied: [{ coordinate: 'Query.person', reason: 'no grant' }],
    };
    expect(verdicts.decisionOf(context)).toBe(context.access);
    expect(verdicts.denied(context)).toBe(true);
  });

  it('takes the subjects a department reported into the ledger, and out of the answer', () => {
    const context = contextOf('police', 'r');
    const answer = takeSubjects(
      { data: {}, extensions: { subjects: { person: [WANG] }, other: 1 } },
      context,
    );
    expect(answer).toEqual({ data: {}, extensions: { other: 1 } });
    expect([...context.ledger.subjects]).toEqual([WANG]);
    expect(context.ledger.cached).toBe(false);
  });
});
