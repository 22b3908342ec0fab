import { createHash } from 'node:crypto';
import { resetAgencyLimits, setAgencyLimits } from '@govgraph/governance';
import { firstError, firstErrorCode } from '@govgraph/testing';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';
import { type CallerHeaders, callerHeaders } from './support/testHub.js';

// Depth, alias, directive, token and response-size limits (docs/limits.md), against the real
// gateway and departments: every refusal carries OPERATION_LIMIT_EXCEEDED (or
// RESPONSE_TOO_LARGE) with `{ name, value, max }`, calls no department, and cannot be got
// around by fragments, inline fragments, @include with a variable, a GET, a batch, or a
// document Apollo already validated for an agency with higher limits.

const COORDINATES = ['Query.*', 'Person.*', 'LegalEntity.*', 'LegalEntityConnection.*'];
const READER = { id: 'limits-reader', purpose: 'LIMITS_TESTS', coordinates: COORDINATES };
const RAISED = { id: 'limits-raised', purpose: 'LIMITS_TESTS_RAISED', coordinates: COORDINATES };

interface Sent {
  status: number;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** `person { representedEntities { nodes { legalRepresentative { … } } } }`, `rounds` times: 1 + 3 × rounds levels. */
function representedChain(rounds: number): string {
  let inner = 'name';
  for (let i = 0; i < rounds; i++) {
    inner = `representedEntities(first: 2) { nodes { legalRepresentative { ${inner} } } }`;
  }
  return `query Deep($id: NationalId!) { person(nationalId: $id) { ${inner} } }`;
}

/** The same chain, written through one named fragment per level (depth counts where they are spread). */
function fragmentChain(rounds: number): string {
  const fragments = [`fragment L0 on Person { name }`];
  for (let i = 1; i <= rounds; i++) {
    fragments.push(
      `fragment L${i} on Person { representedEntities(first: 2) { nodes { legalRepresentative { ...L${i - 1} } } } }`,
    );
  }
  return `query Deep($id: NationalId!) { person(nationalId: $id) { ...L${rounds} } }\n${fragments.join('\n')}`;
}

/** The same chain with every level inside an inline fragment under `@include(if: $no)`. */
function inlineChain(rounds: number): string {
  let inner = 'name';
  for (let i = 0; i < rounds; i++) {
    inner = `... on Person @include(if: $no) { representedEntities(first: 2) { nodes { legalRepresentative { ${inner} } } } }`;
  }
  return `query Deep($id: NationalId!, $no: Boolean = false) { person(nationalId: $id) { ${inner} } }`;
}

const aliases = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;

describe('request limits', () => {
  let t: AccessHub;
  let representative: string;

  beforeAll(async () => {
    t = await startAccessHub([READER, RAISED], { cache: { enabled: true } });
    representative = t.world.person(t.world.company(0).representativeIndex).nationalId;
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });
  beforeEach(async () => {
    await resetAgencyLimits(t.hub.services.store, RAISED.id);
    await resetAgencyLimits(t.hub.services.store, READER.id);
    await t.hub.services.registry.refresh();
  });

  const raise = async (agency: string, limits: Parameters<typeof setAgencyLimits>[2]) => {
    await setAgencyLimits(t.hub.services.store, agency, limits);
    await t.hub.services.registry.refresh();
  };

  async function send(
    init: { method?: string; body?: string; search?: string },
    caller: CallerHeaders,
  ): Promise<Sent> {
    const res = await fetch(`${t.hub.graphqlUrl}${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.method === 'GET' ? { 'apollo-require-preflight': 'true' } : {}),
        ...callerHeaders(caller),
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as Sent['body'] };
  }

  const post = (caller: CallerHeaders, query: string, variables?: Record<string, unknown>) =>
    send({ body: JSON.stringify({ query, variables }) }, caller);

  /** Resets every department's SQL statement counter; the returned function reads their total. */
  const countStatements = () => {
    for (const d of t.hub.departments) d.statements.reset();
    return () => t.hub.departments.reduce((sum, d) => sum + d.statements.total, 0);
  };

  function expectRefused(sent: Sent, name: string, max: number): void {
    expect(sent.status).toBe(400);
    expect(sent.body.data).toBeUndefined();
    expect(sent.body.errors).toHaveLength(1);
    const [error] = sent.body.errors ?? [];
    expect(error?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: { name, max, value: expect.any(Number) },
      requestId: expect.any(String),
    });
    const limit = error?.extensions?.limit as { value?: number } | undefined;
    expect(limit?.value).toBeGreaterThan(max);
    expect(error?.message).toContain(`${name} is ${max}`);
    // Names no field of the graph: a refusal reveals nothing about what the caller may not read.
    expect(sent.text).not.toMatch(/representedEntities|legalRepresentative|Person|LegalEntity/);
  }

  describe('depth', () => {
    it('refuses the issue’s 25-level request, calling no department', async () => {
      const statements = countStatements();
      const sent = await post(t.agency(READER.id), representedChain(8), { id: representative });
      expectRefused(sent, 'maxDepth', 15);
      // person, eight rounds of three levels, name.
      expect(firstError(sent.body).extensions?.limit).toMatchObject({ value: 26 });
      expect(statements()).toBe(0);
    });

    it.each([
      ['named fragments', fragmentChain(8)],
      ['inline fragments under @include(if: $no) with $no false', inlineChain(8)],
    ])('counts the depth through %s', async (_, query) => {
      const statements = countStatements();
      expectRefused(await post(t.agency(READER.id), query, { id: representative }), 'maxDepth', 15);
      expect(statements()).toBe(0);
    });

    it('refuses the same as a GET', async () => {
      const search = `?query=${encodeURIComponent(representedChain(8))}&variables=${encodeURIComponent(JSON.stringify({ id: representative }))}`;
      expectRefused(await send({ method: 'GET', search }, t.agency(READER.id)), 'maxDepth', 15);
    });

    it('counts introspection: GraphiQL’s schema query passes, a deeper one does not', async () => {
      const schemaQuery = await post({}, getIntrospectionQuery({ inputValueDeprecation: true }));
      expect(schemaQuery.status).toBe(200);
      expect(schemaQuery.body.errors).toBeUndefined();
      let ofType = 'name';
      for (let i = 0; i < 14; i++) ofType = `ofType { ${ofType} }`;
      expectRefused(
        await post({}, `{ __schema { types { fields { type { ${ofType} } } } } }`),
        'maxDepth',
        15,
      );
    });

    it('lets an agency whose maxDepth is raised in the registry through', async () => {
      await raise(RAISED.id, { maxDepth: 30 });
      const raised = await post(t.agency(RAISED.id), representedChain(5), { id: representative });
      expect(raised.status).toBe(200);
      expect(raised.body.errors).toBeUndefined();
      expect(JSON.stringify(raised.body.data)).toContain('representedEntities');
      // The same document, now in Apollo's cache of validated documents, is still refused to
      // an agency held to the default.
      expectRefused(
        await post(t.agency(READER.id), representedChain(5), { id: representative }),
        'maxDepth',
        15,
      );
    });

    it('refuses a persisted query sent by hash alone to a caller held to the default', async () => {
      await raise(RAISED.id, { maxDepth: 30 });
      const query = representedChain(5);
      const persistedQuery = {
        version: 1,
        sha256Hash: createHash('sha256').update(query).digest('hex'),
      };
      const registered = await send(
        {
          body: JSON.stringify({
            query,
            variables: { id: representative },
            extensions: { persistedQuery },
          }),
        },
        t.agency(RAISED.id),
      );
      expect(registered.status).toBe(200);
      expect(registered.body.errors).toBeUndefined();
      const statements = countStatements();
      // No query text for the HTTP edge to measure: the check after Apollo resolved the operation refuses it.
      const byHash = await send(
        {
          body: JSON.stringify({
            variables: { id: representative },
            extensions: { persistedQuery },
          }),
        },
        t.agency(READER.id),
      );
      expectRefused(byHash, 'maxDepth', 15);
      expect(statements()).toBe(0);
    });
  });

  describe('aliases, directives and tokens', () => {
    it('refuses 5,000 aliases on the token count, before parsing', async () => {
      const sent = await post(t.agency(READER.id), aliases(5000));
      expectRefused(sent, 'maxTokens', 5000);
      // Counting stops one past the limit (unless an agency allowed more lexed the text whole).
      expect(firstError(sent.body).message).toMatch(
        /the operation has at least 5001\b|has 15001\b/,
      );
    });

    it('refuses 5,000 aliases on the alias count for an agency allowed more tokens', async () => {
      await raise(RAISED.id, { maxTokens: 50_000 });
      const sent = await post(t.agency(RAISED.id), aliases(5000));
      expectRefused(sent, 'maxAliases', 50);
      expect(firstError(sent.body).extensions?.limit).toEqual({
        name: 'maxAliases',
        value: 5000,
        max: 50,
      });
    });

    it('counts aliases of a fragment at every spread, and in inline fragments', async () => {
      const thirty = Array.from({ length: 30 }, (_, i) => `a${i}: __typename`).join(' ');
      const query = `{ ... on Query { ...A } b: __schema { queryType { ...T } } ...A }
        fragment A on Query { ${thirty} }
        fragment T on __Type { name }`;
      const sent = await post(t.agency(READER.id), query);
      expectRefused(sent, 'maxAliases', 50);
      // 60 aliased fields and `b`, and A's 30 response names written a second time in one set.
      expect(firstError(sent.body).extensions?.limit).toMatchObject({ value: 91 });
    });

    it('counts a field repeated across fragments like an alias (validation compares them pairwise)', async () => {
      const fragments = Array.from(
        { length: 250 },
        (_, i) => `fragment F${i} on Query { ...G${i} } fragment G${i} on Query { __typename }`,
      );
      const spreads = Array.from({ length: 250 }, (_, i) => `...F${i}`).join(' ');
      const sent = await post(t.agency(READER.id), `{ ${spreads} }\n${fragments.join('\n')}`);
      expectRefused(sent, 'maxAliases', 50);
      expect(firstError(sent.body).extensions?.limit).toMatchObject({ value: 249 });
    });

    it('refuses too many directives, however they are written', async () => {
      const fields = Array.from(
        { length: 30 },
        (_, i) => `f${i}: __typename @include(if: $yes) @skip(if: false)`,
      ).join(' ');
      const sent = await post(t.agency(READER.id), `query Q($yes: Boolean = true) { ${fields} }`);
      expect(firstError(sent.body).extensions?.limit).toMatchObject({ name: 'maxDirectives' });
      // Without aliases: only the directive count is over.
      const plain = Array.from({ length: 51 }, () => `__typename @include(if: true)`).join(' ');
      expectRefused(await post(t.agency(READER.id), `{ ${plain} }`), 'maxDirectives', 50);
    });

    it('refuses a 10,000-token query before parsing it, even one that would not parse', async () => {
      const query = `{ ${'__typename '.repeat(9_998)}`;
      const statements = countStatements();
      expectRefused(await post(t.agency(READER.id), query), 'maxTokens', 5000);
      expect(statements()).toBe(0);
    });

    it('takes one operation per request: a batched (JSON array) body is refused whole', async () => {
      const statements = countStatements();
      const sent = await send(
        {
          body: JSON.stringify([
            { query: representedChain(8), variables: { id: representative } },
            ...Array.from({ length: 1000 }, () => ({ query: aliases(40) })),
          ]),
        },
        t.agency(READER.id),
      );
      // Batching is off: the array is refused before any operation in it is parsed or run.
      expect(sent.status).toBe(400);
      expect(sent.body.errors).toHaveLength(1);
      expect(firstErrorCode(sent.body)).toBe('BAD_REQUEST');
      expect(statements()).toBe(0);
    });

    it('keeps /health answering while oversized requests arrive', async () => {
      await raise(RAISED.id, { maxTokens: 50_000 });
      const floods = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? post(t.agency(RAISED.id), aliases(5000))
          : post(t.agency(READER.id), representedChain(8), { id: representative }),
      );
      const health = await Promise.all(
        Array.from({ length: 5 }, () => fetch(`${t.hub.gatewayUrl}/health`).then((r) => r.status)),
      );
      const refused = await Promise.all(floods);
      expect(health).toEqual([200, 200, 200, 200, 200]);
      expect(refused.map((r) => firstErrorCode(r.body))).toEqual(
        Array(20).fill('OPERATION_LIMIT_EXCEEDED'),
      );
    });
  });

  describe('response size', () => {
    const PAGE = `query Page($id: NationalId!) { person(nationalId: $id) { name representedEntities(first: 20) { nodes { creditCode name businessScope address } } } }`;

    it('refuses an answer over maxResponseBytes whole, and still audits the read', async () => {
      const full = await post(t.agency(READER.id), PAGE, { id: representative });
      expect(full.status).toBe(200);
      const size = Buffer.byteLength(full.text);
      await raise(READER.id, { maxResponseBytes: size - 1 });
      const sent = await post(t.agency(READER.id), PAGE, { id: representative });
      expect(sent.status).toBe(400);
      expect(sent.body.data).toBeUndefined();
      expect(firstError(sent.body).extensions).toMatchObject({
        code: 'RESPONSE_TOO_LARGE',
        limit: { name: 'maxResponseBytes', value: size, max: size - 1 },
        requestId: expect.any(String),
      });
      expect(sent.text).not.toContain(representative);
      const record = await t.latestAudit();
      expect(record).toMatchObject({ agencyId: READER.id, outcome: 'ok' });
      expect(record?.subjects).toContain(representative);
      expect(record?.requestId).toBe(firstError(sent.body).extensions?.requestId);
    });

    it('refuses it from the response cache too, counting the stored bytes sent', async () => {
      await raise(RAISED.id, { maxResponseBytes: 1_000_000 });
      const first = await post(t.agency(RAISED.id), PAGE, { id: representative });
      expect(first.status).toBe(200);
      // UTF-8 bytes, not characters: the answer holds Chinese names and addresses.
      const size = Buffer.byteLength(first.text);
      expect(size).toBeGreaterThan(first.text.length);
      const responseHits = async () => {
        const metrics = await (await fetch(`${t.hub.gatewayUrl}/metrics`)).text();
        const line = metrics
          .split('\n')
          .find((l) => l.startsWith('govgraph_cache_hits_total{cache="response"'));
        return Number(line?.split(' ').at(-1) ?? 0);
      };
      const hits = await responseHits();
      await raise(RAISED.id, { maxResponseBytes: size });
      const exact = await post(t.agency(RAISED.id), PAGE, { id: representative });
      expect(exact.status).toBe(200);
      expect(exact.text).toBe(first.text);
      expect(await responseHits()).toBe(hits + 1);
      await raise(RAISED.id, { maxResponseBytes: size - 1 });
      const over = await post(t.agency(RAISED.id), PAGE, { id: representative });
      expect(firstError(over.body).extensions).toMatchObject({
        code: 'RESPONSE_TOO_LARGE',
        limit: { name: 'maxResponseBytes', value: size, max: size - 1 },
      });
      await raise(RAISED.id, { maxResponseBytes: 200 });
      const replay = await post(t.agency(RAISED.id), PAGE, { id: representative });
      expect(replay.status).toBe(400);
      expect(firstErrorCode(replay.body)).toBe('RESPONSE_TOO_LARGE');
      expect(replay.text).not.toContain(representative);
    });
  });

  it('counts refusals by limit in /metrics', async () => {
    const metrics = await (await fetch(`${t.hub.gatewayUrl}/metrics`)).text();
    for (const limit of [
      'maxDepth',
      'maxAliases',
      'maxDirectives',
      'maxTokens',
      'maxResponseBytes',
    ]) {
      expect(metrics).toMatch(
        new RegExp(`govgraph_limit_refusals_total\\{limit="${limit}"\\} [1-9]`),
      );
    }
  });
});
