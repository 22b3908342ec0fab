import { type AuditEntry, addAgency, createAuditLog } from '@govgraph/governance';
import { creditCodeCheckChar, nationalIdCheckChar } from '@govgraph/schema';
import { type CallerTokenClaims, createLogger } from '@govgraph/server';
import { ENGINES, useDepartment } from '@govgraph/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedableDepartment as department } from '../src/seed.js';

const nid = (first17: string) => `${first17}${nationalIdCheckChar(first17)}`;
const WANG = '11010519491231002X';
const LI = nid('31010419800315123');
const NOBODY = nid('44030519951120456');
const ZHAO = nid('51010419900101123');
const TEA = '91350100M000100Y43';
const LANTERN = `91110000600007336${creditCodeCheckChar('91110000600007336')}`;

// Who asks, as the gateway's caller token says.
type Reader = Partial<CallerTokenClaims>;
const AUDITOR: Reader = { caller: 'agency', agency: 'audit-office', roles: ['auditor'] };
const TAX: Reader = { caller: 'agency', agency: 'city-tax', roles: [] };
const ANONYMOUS: Reader = { caller: 'anonymous' };
const citizen = (nationalId: string): Reader => ({ caller: 'citizen', citizen: nationalId });

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  at: new Date('2026-01-01T00:00:00Z'),
  requestId: 'r',
  callerKind: 'agency',
  agencyId: 'city-tax',
  operatorId: null,
  purpose: 'tax-assessment',
  caseId: null,
  operationHash: 'a'.repeat(64),
  operationName: null,
  coordinates: ['Person.name', 'Query.person'],
  denied: [],
  subjects: [],
  outcome: 'ok',
  cached: false,
  ...over,
});

// Appended in this order, so sequence numbers 1..7.
const ENTRIES: AuditEntry[] = [
  entry({
    at: new Date('2026-03-01T09:00:00.000Z'),
    requestId: 'req-1',
    operatorId: 'officer-7',
    caseId: 'TAX-2026-0042',
    operationName: 'Lookup',
    coordinates: ['Person.name', 'Person.spouse', 'Query.person'],
    subjects: [LI, WANG],
  }),
  entry({
    at: new Date('2026-03-02T10:00:00.000Z'),
    requestId: 'req-2',
    callerKind: 'anonymous',
    agencyId: null,
    purpose: null,
    coordinates: ['Person.birthDate', 'Query.person'],
    denied: [{ coordinate: 'Person.birthDate', reason: 'no grant' }],
    subjects: [WANG],
    outcome: 'denied',
  }),
  entry({
    at: new Date('2026-03-03T11:00:00.000Z'),
    requestId: 'req-3',
    callerKind: 'citizen',
    agencyId: null,
    purpose: null,
    coordinates: ['Person.accessLog', 'Query.person'],
    subjects: [WANG],
  }),
  entry({
    at: new Date('2026-03-04T12:00:00.000Z'),
    requestId: 'req-4',
    agencyId: 'market-watch',
    purpose: 'supervision',
    coordinates: ['LegalEntity.name', 'Query.legalEntity'],
    subjects: [TEA],
    cached: true,
    outcome: 'partial',
  }),
  entry({
    at: new Date('2026-03-05T13:00:00.000Z'),
    requestId: 'req-5',
    subjects: [LI],
  }),
  // One write: its intent before it ran, its outcome after (sequence numbers 6 and 7).
  ...(['intent', 'outcome'] as const).map((phase, i) =>
    entry({
      at: new Date(`2026-03-06T14:00:0${i}.000Z`),
      requestId: 'req-6',
      coordinates: ['Application.id', 'Mutation.submitApplication'],
      subjects: [ZHAO],
      outcome: phase === 'intent' ? 'ok' : 'error',
      phase,
    }),
  ),
];

describe.each(ENGINES)('the data tracker on %s', (engine) => {
  // The department's production server over a fresh hub store, called as the gateway would.
  const tracker = useDepartment(department, engine, undefined);
  const run = (reader: Reader, query: string, variables?: Record<string, unknown>) =>
    tracker.query(query, variables, reader);
  const accessLogOf = (reader: Reader, nationalId: string, first?: number) =>
    run(
      reader,
      `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) {
         ... on Person { accessLog(first: $first) { nodes { sequence requestId } } } } }`,
      { r: [{ __typename: 'Person', nationalId }], ...(first !== undefined ? { first } : {}) },
    );

  beforeAll(async () => {
    const store = tracker.database;
    await addAgency(store, { id: 'city-tax', name: 'City Tax Bureau' });
    await addAgency(store, { id: 'audit-office', name: 'Audit Office', roles: ['auditor'] });
    // `market-watch` is not registered (any more): its records stay, without a name.
    const log = createAuditLog({ store, logger: createLogger('tracker', 'silent') });
    for (const e of ENTRIES) await log.append(e);
    await log.close();
  });

  it('refuses a request that did not come through the gateway', async () => {
    const { status, body } = await tracker.rawQuery(
      `{ _entities(representations: [{ __typename: "Person", nationalId: "${WANG}" }]) { ... on Person { accessLog { nodes { sequence } } } } }`,
      undefined,
    );
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('HUB_CONTEXT_REQUIRED');
  });

  it('shows an auditor every read of a person, newest first, with who, why and what', async () => {
    const result = await run(
      AUDITOR,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { nationalId accessLog { nodes {
         sequence at readerKind agencyId agencyName operatorId purpose caseId fields outcome fromCache requestId
       } } } } }`,
      { r: [{ __typename: 'Person', nationalId: WANG }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          nationalId: WANG,
          accessLog: {
            nodes: [
              {
                sequence: 3,
                at: '2026-03-03T11:00:00.000Z',
                readerKind: 'CITIZEN',
                agencyId: null,
                agencyName: null,
                operatorId: null,
                purpose: null,
                caseId: null,
                fields: ['Person.accessLog', 'Query.person'],
                outcome: 'OK',
                fromCache: false,
                requestId: 'req-3',
              },
              {
                sequence: 2,
                at: '2026-03-02T10:00:00.000Z',
                readerKind: 'ANONYMOUS',
                agencyId: null,
                agencyName: null,
                operatorId: null,
                purpose: null,
                caseId: null,
                fields: ['Person.birthDate', 'Query.person'],
                outcome: 'DENIED',
                fromCache: false,
                requestId: 'req-2',
              },
              {
                sequence: 1,
                at: '2026-03-01T09:00:00.000Z',
                readerKind: 'AGENCY',
                agencyId: 'city-tax',
                agencyName: 'City Tax Bureau',
                operatorId: 'officer-7',
                purpose: 'tax-assessment',
                caseId: 'TAX-2026-0042',
                fields: ['Person.name', 'Person.spouse', 'Query.person'],
                outcome: 'OK',
                fromCache: false,
                requestId: 'req-1',
              },
            ],
          },
        },
      ],
    });
  });

  it('marks the two records of a write, and none of a read', async () => {
    const phases = async (nationalId: string) => {
      const result = await run(
        AUDITOR,
        `query($r: [_Any!]!) { _entities(representations: $r) {
           ... on Person { accessLog { nodes { sequence requestId outcome writePhase } } } } }`,
        { r: [{ __typename: 'Person', nationalId }] },
      );
      expect(result.errors).toBeUndefined();
      const entities = (result.data?._entities ?? []) as { accessLog: { nodes: unknown[] } }[];
      return entities[0]?.accessLog.nodes;
    };
    expect(await phases(ZHAO)).toEqual([
      { sequence: 7, requestId: 'req-6', outcome: 'ERROR', writePhase: 'OUTCOME' },
      { sequence: 6, requestId: 'req-6', outcome: 'OK', writePhase: 'INTENT' },
    ]);
    expect((await phases(LI))?.map((r) => (r as { writePhase: unknown }).writePhase)).toEqual([
      null,
      null,
    ]);
  });

  it('returns at most `first` records, the most recent', async () => {
    const result = await accessLogOf(AUDITOR, WANG, 2);
    expect(result.data).toEqual({
      _entities: [
        {
          accessLog: {
            nodes: [
              { sequence: 3, requestId: 'req-3' },
              { sequence: 2, requestId: 'req-2' },
            ],
          },
        },
      ],
    });
  });

  it('pages through a log with after, without repeats while records are appended', async () => {
    const PAGED = nid('11010119700101001');
    const log = createAuditLog({ store: tracker.database, logger: createLogger('t', 'silent') });
    const append = async (ids: string[]) => {
      for (const requestId of ids) await log.append(entry({ requestId, subjects: [PAGED] }));
    };
    const page = async (after?: string) => {
      const result = await run(
        AUDITOR,
        `query($r: [_Any!]!, $after: String) { _entities(representations: $r) {
           ... on Person { accessLog(first: 2, after: $after) {
             totalCount nodes { requestId } pageInfo { hasNextPage endCursor } } } } }`,
        { r: [{ __typename: 'Person', nationalId: PAGED }], ...(after ? { after } : {}) },
      );
      expect(result.errors).toBeUndefined();
      type Page = {
        totalCount: number;
        nodes: { requestId: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      const [entity] = (result.data?._entities ?? []) as { accessLog: Page }[];
      if (!entity) throw new Error('no entity in the answer');
      return entity.accessLog;
    };
    await append(['p-1', 'p-2', 'p-3']);
    const first = await page();
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((n) => n.requestId)).toEqual(['p-3', 'p-2']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    // Newer records arrive between the pages: the next page still starts below p-2.
    await append(['p-4', 'p-5']);
    const second = await page(first.pageInfo.endCursor ?? undefined);
    expect(second.totalCount).toBe(5);
    expect(second.nodes.map((n) => n.requestId)).toEqual(['p-1']);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    const newest = await page();
    expect(newest.nodes.map((n) => n.requestId)).toEqual(['p-5', 'p-4']);
    await log.close();
  });

  it('refuses a cursor that did not come from a page with INVALID_ARGUMENT', async () => {
    const result = await run(
      AUDITOR,
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Person { accessLog(after: "not-a-cursor") { nodes { sequence } } } } }`,
      { r: [{ __typename: 'Person', nationalId: WANG }] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(result.errors?.[0]?.message).toBe(
      'Person.accessLog(after: "not-a-cursor") is not a cursor from this list: pass pageInfo.endCursor of the previous page.',
    );
  });

  it('refuses a page size outside 1-100 with INVALID_ARGUMENT', async () => {
    for (const first of [0, 101]) {
      const result = await accessLogOf(AUDITOR, WANG, first);
      expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
      expect(result.errors?.[0]?.message).toBe(
        `Person.accessLog(first: ${first}) is out of range: ask for 1 to 100 items and follow pageInfo.endCursor for more.`,
      );
    }
  });

  it('shows the citizen their own access log', async () => {
    const result = await accessLogOf(citizen(LI), LI);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          accessLog: {
            nodes: [
              { sequence: 5, requestId: 'req-5' },
              { sequence: 1, requestId: 'req-1' },
            ],
          },
        },
      ],
    });
  });

  it('refuses a citizen another person’s log, a non-auditor agency and an anonymous caller', async () => {
    const cases: [Reader, string][] = [
      [
        citizen(LI),
        'Person.accessLog is readable only by an agency with the auditor role, or the person themself signed in with a citizen token; a citizen may read only their own access log. Remove the field, or ask the platform operator for the auditor role.',
      ],
      [
        TAX,
        'Person.accessLog is readable only by an agency with the auditor role, or the person themself signed in with a citizen token; agency city-tax does not hold the auditor role. Remove the field, or ask the platform operator for the auditor role.',
      ],
      [
        ANONYMOUS,
        'Person.accessLog is readable only by an agency with the auditor role, or the person themself signed in with a citizen token; the caller is not identified. Remove the field, or ask the platform operator for the auditor role.',
      ],
    ];
    for (const [reader, message] of cases) {
      const result = await accessLogOf(reader, WANG);
      // A refusal, not an empty log: null, and the error says why.
      expect(result.data).toEqual({ _entities: [{ accessLog: null }] });
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.errors?.[0]?.message).toBe(message);
      expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'accessLog']);
    }
  });

  it('shows an auditor an entity’s log, and an empty log for a subject nobody read', async () => {
    const result = await run(
      AUDITOR,
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on LegalEntity { creditCode accessLog { totalCount nodes { sequence agencyId agencyName fromCache outcome } } }
         ... on Person { accessLog { totalCount nodes { sequence } } } } }`,
      {
        r: [
          { __typename: 'LegalEntity', creditCode: TEA },
          { __typename: 'LegalEntity', creditCode: LANTERN },
          { __typename: 'Person', nationalId: NOBODY },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          creditCode: TEA,
          accessLog: {
            totalCount: 1,
            nodes: [
              {
                sequence: 4,
                agencyId: 'market-watch',
                agencyName: null,
                fromCache: true,
                outcome: 'PARTIAL',
              },
            ],
          },
        },
        { creditCode: LANTERN, accessLog: { totalCount: 0, nodes: [] } },
        { accessLog: { totalCount: 0, nodes: [] } },
      ],
    });
  });

  it('refuses an entity’s log to a citizen: only auditors read it', async () => {
    const result = await run(
      citizen(WANG),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { accessLog { nodes { sequence } } } } }`,
      { r: [{ __typename: 'LegalEntity', creditCode: TEA }] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toBe(
      'LegalEntity.accessLog is readable only by an agency with the auditor role; a citizen may read only their own access log. Remove the field, or ask the platform operator for the auditor role.',
    );
  });

  it('reads the logs of a list of subjects in one statement, and agency names in one more', async () => {
    tracker.database.statements.reset();
    const result = await run(
      AUDITOR,
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Person { accessLog { nodes { agencyName } } }
         ... on LegalEntity { accessLog { nodes { agencyName } } } } }`,
      {
        r: [
          { __typename: 'Person', nationalId: WANG },
          { __typename: 'Person', nationalId: LI },
          { __typename: 'Person', nationalId: NOBODY },
          { __typename: 'LegalEntity', creditCode: TEA },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(tracker.database.statements.count('select')).toBe(2);
    expect(tracker.database.statements.total).toBe(2);
  });

  it('counts the logs of a list of subjects in one more statement, only when asked', async () => {
    tracker.database.statements.reset();
    const result = await run(
      AUDITOR,
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Person { accessLog { totalCount } }
         ... on LegalEntity { accessLog { totalCount } } } }`,
      {
        r: [
          { __typename: 'Person', nationalId: WANG },
          { __typename: 'Person', nationalId: LI },
          { __typename: 'Person', nationalId: NOBODY },
          { __typename: 'LegalEntity', creditCode: TEA },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { accessLog: { totalCount: 3 } },
        { accessLog: { totalCount: 2 } },
        { accessLog: { totalCount: 0 } },
        { accessLog: { totalCount: 1 } },
      ],
    });
    // The page's own read (batched) and the grouped count.
    expect(tracker.database.statements.count('select')).toBe(2);
  });
});
