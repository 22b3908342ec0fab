import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditEntry, ClassificationLevel } from '@govgraph/governance';
import { FORBIDDEN, INVALID_ARGUMENT, nationalIdCheckChar } from '@govgraph/schema';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectOperation } from '../src/access/collectOperation.js';
import type { GatewayContext } from '../src/context.js';
import {
  createHubTester,
  type Fixture,
  firstError,
  firstErrorCode,
  type HubTester,
  LANTERN,
  LI,
  MemoryAuditLog,
  memoryLogger,
  TEA,
  WANG,
  ZHANG,
} from './support/index.js';

const nid = (first17: string) => `${first17}${nationalIdCheckChar(first17)}`;

const ZHAO = nid('32010219700101321');

interface PersonRow {
  national_id: string;
  name: string;
  spouse_id: string | null;
}
const PEOPLE: Record<string, PersonRow> = {
  [WANG]: { national_id: WANG, name: 'Wang Fang', spouse_id: LI },
  [LI]: { national_id: LI, name: 'Li Wei', spouse_id: WANG },
  [ZHANG]: { national_id: ZHANG, name: 'Zhang Min', spouse_id: null },
  [ZHAO]: { national_id: ZHAO, name: 'Zhao Lei', spouse_id: null },
};
const ENTITIES = [
  { creditCode: TEA, name: 'Minjiang Tea Co.', representative: ZHANG },
  { creditCode: LANTERN, name: 'Beijing Lantern Works', representative: ZHAO },
];
const person = (id: string | null) => (id ? (PEOPLE[id] ?? null) : null);
const refuse = () => {
  throw INVALID_ARGUMENT.err('Refused, as this fixture always does.');
};

// A population registry that keeps rows in snake case, as the real one does.
const registry: Fixture = {
  name: 'registry',
  typeDefs: parse(`
    type Query {
      "A resident by national ID."
      person(nationalId: NationalId!): Person
      "How many residents the registry holds."
      residentCount: Int!
      "Refuses every call with INVALID_ARGUMENT; nullable."
      refused: String
      "Refuses every call with INVALID_ARGUMENT; non-null, so the whole answer is null."
      required: String!
    }
    "A registered resident."
    type Person @key(fields: "nationalId") {
      "Resident identity number."
      nationalId: NationalId!
      "Full name."
      name: String!
      "Spouse, when married."
      spouse: Person
    }
  `),
  resolvers: {
    Query: {
      person: (_: unknown, args: { nationalId: string }) => person(args.nationalId),
      residentCount: () => Object.keys(PEOPLE).length,
      refused: refuse,
      required: refuse,
    },
    Person: {
      __resolveReference: (ref: { nationalId: string }) => person(ref.nationalId),
      nationalId: (row: PersonRow) => row.national_id,
      spouse: (row: PersonRow) => person(row.spouse_id),
    },
  },
};

// A business registry that lists entities and points at their representatives.
const business: Fixture = {
  name: 'business',
  typeDefs: parse(`
    type Query {
      "Every registered entity."
      legalEntities: [LegalEntity!]!
    }
    "A registered market entity."
    type LegalEntity @key(fields: "creditCode") {
      "Unified social credit code."
      creditCode: CreditCode!
      "Registered name."
      name: String!
      "Legal representative."
      representative: Person
    }
    "A resident, as the business registry sees them."
    type Person @key(fields: "nationalId") {
      "Resident identity number."
      nationalId: NationalId!
    }
  `),
  resolvers: {
    Query: { legalEntities: () => ENTITIES },
    LegalEntity: {
      __resolveReference: (ref: { creditCode: string }) =>
        ENTITIES.find((e) => e.creditCode === ref.creditCode) ?? null,
      representative: (e: { representative: string }) => ({ nationalId: e.representative }),
    },
  },
};

/**
 * Stands in for the access plugin (its contract: `context.access` set in didResolveOperation,
 * also when it denies). The level comes from `x-test-level`, refusals from `x-test-deny`.
 */
function testAccess(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({
          contextValue,
          request,
          schema,
          document,
          operation,
          operationName,
        }) {
          // Stands in for a cache hit (the caches set it when any part came from them).
          if (request.http?.headers.get('x-test-cached')) contextValue.ledger.markCached();
          const deny = request.http?.headers.get('x-test-deny');
          const denied = deny
            ? deny.split(',').map((coordinate) => ({ coordinate, reason: 'no grant' }))
            : [];
          contextValue.access = {
            operationHash: createHash('sha256')
              .update(request.query ?? '')
              .digest('hex'),
            operationName: operationName ?? null,
            coordinates: operation ? collectOperation(schema, document, operation).coordinates : [],
            level: (request.http?.headers.get('x-test-level') ?? 'PERSONAL') as ClassificationLevel,
            denied,
          };
          if (denied.length > 0) {
            throw FORBIDDEN.err(`Not granted: ${deny}.`, { extensions: { denied } });
          }
        },
      };
    },
  };
}

describe('the audit plugin', () => {
  const log = new MemoryAuditLog();
  const { logger, lines } = memoryLogger();
  let hub: HubTester;
  const ask = (query: string, variables?: Record<string, unknown>, headers = {}) =>
    hub.post({ query, variables }, { headers });
  const only = (): AuditEntry => {
    expect(log.entries).toHaveLength(1);
    const [entry] = log.entries;
    if (!entry) throw new Error('no audit entry');
    return entry;
  };

  beforeAll(async () => {
    hub = await createHubTester({
      departments: [registry, business],
      gateway: { logger, audit: { log } },
      plugins: [testAccess()],
    });
  });
  afterAll(async () => {
    await hub?.close();
  });
  beforeEach(() => {
    log.entries = [];
    log.failing = false;
  });

  it('records a person read by ID: who, why, what, and whose data', async () => {
    const query = 'query Lookup($id: NationalId!) { person(nationalId: $id) { name } }';
    const { status, body, headers } = await ask(
      query,
      { id: ZHANG },
      {
        'x-request-id': 'audit-1',
        'x-test-level': 'PERSONAL',
      },
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: { name: 'Zhang Min' } } });
    const entry = only();
    expect(entry).toEqual({
      at: expect.any(Date),
      requestId: headers.get('x-request-id'),
      correlationId: 'audit-1',
      callerKind: 'anonymous',
      agencyId: null,
      operatorId: null,
      purpose: null,
      caseId: null,
      operationHash: createHash('sha256').update(query).digest('hex'),
      operationName: 'Lookup',
      coordinates: ['Person.name', 'Query.person'],
      denied: [],
      subjects: [ZHANG],
      outcome: 'ok',
      cached: false,
    });
  });

  it('drops a malformed caller request id from the record, logging its length, not its text', async () => {
    const given = `<script>${'x'.repeat(100)}</script>`;
    const { headers } = await ask(
      'query Lookup($id: NationalId!) { person(nationalId: $id) { name } }',
      { id: ZHANG },
      { 'x-request-id': given, 'x-test-level': 'PERSONAL' },
    );
    const requestId = headers.get('x-request-id');
    expect(headers.get('x-correlation-id')).toBeNull();
    const entry = only();
    expect(entry.requestId).toBe(requestId);
    expect(entry).not.toHaveProperty('correlationId');
    const dropped = lines.find((l) => l.requestId === requestId && l.length === given.length);
    expect(dropped?.msg).toMatch(/dropped a malformed X-Request-Id/);
    expect(JSON.stringify(lines)).not.toContain('<script>');
  });

  it('never passes the departments’ subject report on to the caller', async () => {
    const { text } = await ask(`{ person(nationalId: "${WANG}") { name } }`);
    expect(text).not.toContain('subjects');
    expect(text).not.toContain('extensions');
  });

  it('records every subject of a list read through another department', async () => {
    const { body } = await ask('{ legalEntities { name representative { name } } }');
    expect(body.data).toEqual({
      legalEntities: [
        { name: 'Minjiang Tea Co.', representative: { name: 'Zhang Min' } },
        { name: 'Beijing Lantern Works', representative: { name: 'Zhao Lei' } },
      ],
    });
    expect(only().subjects).toEqual([LANTERN, TEA, ZHANG, ZHAO].sort());
  });

  it('records a nested person whose key was not selected', async () => {
    await ask(`{ person(nationalId: "${WANG}") { spouse { name } } }`);
    expect(only().subjects).toEqual([LI, WANG].sort());
  });

  it('records subjects named in arguments even when nothing was found for them', async () => {
    const unknown = nid('11010519491231001');
    const { body } = await ask('query($id: NationalId!) { a: person(nationalId: $id) { name } }', {
      id: unknown,
    });
    expect(body.data).toEqual({ a: null });
    expect(only().subjects).toEqual([unknown]);
  });

  it('records a denied attempt with what was refused and whom it was about', async () => {
    const { body } = await ask(
      `{ person(nationalId: "${LI}") { name spouse { name } } }`,
      undefined,
      { 'x-test-deny': 'Person.spouse' },
    );
    expect(body.data).toBeUndefined();
    expect(firstErrorCode(body)).toBe('FORBIDDEN');
    const entry = only();
    expect(entry.outcome).toBe('denied');
    expect(entry.denied).toEqual([{ coordinate: 'Person.spouse', reason: 'no grant' }]);
    expect(entry.subjects).toEqual([LI]);
    expect(entry.coordinates).toEqual(['Person.name', 'Person.spouse', 'Query.person']);
  });

  it('does not record an operation that read PUBLIC or INTERNAL data only', async () => {
    const pub = await ask('{ residentCount }', undefined, { 'x-test-level': 'PUBLIC' });
    const internal = await ask('{ residentCount }', undefined, { 'x-test-level': 'INTERNAL' });
    expect(pub.body).toEqual({ data: { residentCount: 4 } });
    expect(internal.body).toEqual({ data: { residentCount: 4 } });
    expect(log.entries).toEqual([]);
  });

  it('records SENSITIVE and CONFIDENTIAL reads', async () => {
    await ask('{ residentCount }', undefined, { 'x-test-level': 'SENSITIVE' });
    await ask('{ residentCount }', undefined, { 'x-test-level': 'CONFIDENTIAL' });
    expect(log.entries.map((e) => e.outcome)).toEqual(['ok', 'ok']);
  });

  it('records a partial answer, a failed one, and one served from a cache', async () => {
    const partial = await ask(`{ person(nationalId: "${WANG}") { name } refused }`);
    expect(partial.body.data).toEqual({ person: { name: 'Wang Fang' }, refused: null });
    const failed = await ask(`{ person(nationalId: "${LI}") { name } required }`);
    expect(failed.body.data).toBeNull();
    await ask(`{ person(nationalId: "${ZHANG}") { name } }`, undefined, { 'x-test-cached': '1' });
    expect(log.entries.map((e) => [e.outcome, e.cached, e.subjects])).toEqual([
      ['partial', false, [WANG]],
      ['error', false, [LI]],
      ['ok', true, [ZHANG]],
    ]);
  });

  it('withholds the data when the audit log cannot take the record (fail closed)', async () => {
    log.failing = true;
    const { status, body, text, headers } = await ask(
      `{ person(nationalId: "${ZHANG}") { name } }`,
      undefined,
      { 'x-request-id': 'audit-fails' },
    );
    const requestId = headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(status).toBe(503);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(firstError(body).extensions).toEqual({
      code: 'AUDIT_UNAVAILABLE',
      requestId,
    });
    expect(text).not.toContain('Zhang Min');
    expect(text).not.toContain('ECONNREFUSED');
    const logged = lines.find((l) => l.requestId === requestId && l.level === 50);
    expect(logged?.correlationId).toBe('audit-fails');
    expect(logged?.msg).toBe('audit record could not be written; the response was withheld');
    expect(JSON.stringify(logged?.err)).toContain('ECONNREFUSED');
    // What the AuditUnavailable alert (docs/alerts.yml) watches.
    log.failing = false;
    expect((await ask(`{ person(nationalId: "${ZHANG}") { name } }`)).status).toBe(200);
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toMatch(
      /govgraph_audit_append_duration_seconds_count\{outcome="failed"\} [1-9]/,
    );
    expect(metrics).toMatch(/govgraph_audit_append_duration_seconds_count\{outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/govgraph_errors_total\{code="AUDIT_UNAVAILABLE"\} [1-9]/);
  });
});
