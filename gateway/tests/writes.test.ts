import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditRecord,
  createAuditLog,
  type HubAuditLog,
  type HubStore,
  latestAuditRecords,
  openHubStore,
} from '@govgraph/governance';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { deskDepartment } from './support/departments/deskDepartment.js';
import {
  createHubTester,
  firstError,
  firstErrorCode,
  type HubTester,
  LI,
  MemoryRegistry,
  POLICE,
  silentLogger,
  TEA,
  WANG,
} from './support/index.js';

// The write model at the gateway (issue #10): a grant per Mutation coordinate, the acting
// official, a case when writing on someone's behalf, citizens for themselves only, and every
// mutation in the audit log — intent before it runs, outcome after, fail closed.

const DESK = {
  'x-api-key': 'k-desk',
  'x-purpose': 'service-desk',
  'x-operator-id': 'clerk-07',
  'x-case-id': 'SD-2026-0042',
};
const { 'x-operator-id': _operator, ...DESK_WITHOUT_OPERATOR } = DESK;
const { 'x-case-id': _case, ...DESK_WITHOUT_CASE } = DESK;
const { 'x-purpose': _purpose, ...DESK_WITHOUT_PURPOSE } = DESK;
const AS_POLICE = { ...DESK, 'x-api-key': POLICE.apiKey };
const citizen = (nationalId: string) => ({ authorization: `Bearer citizen:${nationalId}` });

const FILE = 'mutation File($input: RequestInput!) { fileRequest(input: $input) { id text } }';
const forWang = { input: { nationalId: WANG, text: 'a parking permit' } };

describe('writes at the gateway', () => {
  let breakAuditAfterWrite = false;
  const desk = deskDepartment(async () => {
    if (breakAuditAfterWrite) await auditTable('off');
  });
  let hub: HubTester;
  let dataDir: string;
  let store: HubStore;
  let log: HubAuditLog;
  let before: number;

  const ask = (query: string, variables?: Record<string, unknown>, headers = {}) =>
    hub.post({ query, variables }, { headers });
  /** Takes the audit table away (a broken hub store), or puts it back. */
  const auditTable = async (state: 'off' | 'on') => {
    const [from, to] =
      state === 'off' ? ['audit_records', 'audit_off'] : ['audit_off', 'audit_records'];
    await sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(store.db);
  };
  /** The audit records written since the test began, oldest first. */
  const recordsSince = async (): Promise<AuditRecord[]> =>
    (await latestAuditRecords(store, 50)).filter((r) => r.seq > before).reverse();
  const expectRefused = async (
    response: Awaited<ReturnType<typeof ask>>,
    reasons: Record<string, RegExp>,
  ) => {
    expect(response.status).toBe(403);
    expect(response.body.data).toBeUndefined();
    const error = firstError(response.body);
    expect(error.extensions?.code).toBe('FORBIDDEN');
    const denied = error.extensions?.denied as { coordinate: string; reason: string }[];
    // Every coordinate given is refused for that reason (fields the write returns may be too).
    expect(Object.fromEntries(denied.map((d) => [d.coordinate, d.reason]))).toMatchObject(
      Object.fromEntries(
        Object.entries(reasons).map(([coordinate, reason]) => [
          coordinate,
          expect.stringMatching(reason),
        ]),
      ),
    );
    expect(desk.written).toEqual([]);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'govgraph-gateway-writes-'));
    store = await openHubStore({ sqliteFile: join(dataDir, 'hub.sqlite') });
    log = createAuditLog({ store, logger: silentLogger() });
    const registry = new MemoryRegistry()
      .addAgency({
        agencyId: 'desk-app',
        name: 'Service desk',
        roles: [],
        apiKey: 'k-desk',
        department: 'GOVERNMENT_SERVICES',
      })
      .addAgency(POLICE)
      .addPurpose('service-desk')
      .grant('desk-app', 'service-desk', ['Mutation.fileRequest', 'Request.*'])
      .grant('police', 'service-desk', ['Request.*', 'Mutation.note'])
      .setCitizenCoordinates(['Mutation.fileRequest', 'Request.id', 'Request.text']);
    hub = await createHubTester({
      departments: [desk.fixture],
      registry,
      // The in-process caches, on: writes must go past them.
      gateway: { audit: { log }, cache: {} },
    });
  });

  beforeEach(async () => {
    desk.written.length = 0;
    breakAuditAfterWrite = false;
    before = (await latestAuditRecords(store, 1))[0]?.seq ?? 0;
  });

  afterAll(async () => {
    await hub?.close();
    await log?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a granted write and tells the department the agency’s department and operator', async () => {
    const { status, body } = await ask(FILE, forWang, DESK);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { fileRequest: { id: '1', text: 'a parking permit' } } });
    expect(desk.written).toHaveLength(1);
    expect(desk.written[0]?.hub).toMatchObject({
      caller: 'agency',
      agency: 'desk-app',
      department: 'GOVERNMENT_SERVICES',
      operatorId: 'clerk-07',
      caseId: 'SD-2026-0042',
      purpose: 'service-desk',
    });
  });

  it('records an allowed write twice: the intent before it runs, the outcome after', async () => {
    await ask(FILE, forWang, DESK);
    const records = await recordsSince();
    expect(records.map((r) => [r.phase, r.outcome])).toEqual([
      ['intent', 'ok'],
      ['outcome', 'ok'],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({
        callerKind: 'agency',
        agencyId: 'desk-app',
        operatorId: 'clerk-07',
        caseId: 'SD-2026-0042',
        operationName: 'File',
        coordinates: ['Mutation.fileRequest', 'Request.id', 'Request.text'],
        subjects: [WANG],
        cached: false,
      });
    }
    expect(records[0]?.requestId).toBe(records[1]?.requestId);
  });

  it('never answers a write from a cache: the same mutation sent twice runs twice', async () => {
    const same = { input: { text: 'the same request, sent twice' } };
    const first = await ask(FILE, same, DESK);
    const second = await ask(FILE, same, DESK);
    expect(first.body.data).toEqual({ fileRequest: { id: '1', text: same.input.text } });
    expect(second.body.data).toEqual({ fileRequest: { id: '2', text: same.input.text } });
    expect(desk.written).toHaveLength(2);
    const records = await recordsSince();
    expect(records.map((r) => [r.phase, r.cached])).toEqual([
      ['intent', false],
      ['outcome', false],
      ['intent', false],
      ['outcome', false],
    ]);
  });

  it('refuses a write without the acting official, a purpose, a registered purpose or a grant', async () => {
    await expectRefused(await ask(FILE, forWang, DESK_WITHOUT_OPERATOR), {
      'Mutation.fileRequest': /needs the acting official \(X-Operator-Id\)/,
    });
    // What the write returns is read under the same rules.
    await expectRefused(await ask(FILE, forWang, DESK_WITHOUT_PURPOSE), {
      'Mutation.fileRequest': /a write needs a purpose \(X-Purpose\)/,
      'Request.id': /PERSONAL data needs a purpose/,
    });
    await expectRefused(await ask(FILE, forWang, { ...DESK, 'x-purpose': 'fishing' }), {
      'Mutation.fileRequest': /purpose "fishing" is not registered/,
    });
    await expectRefused(await ask(FILE, forWang, AS_POLICE), {
      'Mutation.fileRequest':
        /agency police holds no grant to write it under purpose "service-desk"/,
    });
  });

  it('asks for a case when the write names a person or company, however it is named', async () => {
    const noCase = /writing on behalf of a person or company needs a case number \(X-Case-Id\)/;
    const cases: [string, Record<string, unknown> | undefined][] = [
      [`mutation { fileRequest(input: { nationalId: "${WANG}", text: "t" }) { id } }`, undefined],
      [`mutation { fileRequest(input: { creditCode: "${TEA}", text: "t" }) { id } }`, undefined],
      [FILE, forWang],
      [FILE, { input: { parties: [LI], text: 'a list, deep in the input' } }],
      [
        `mutation($id: NationalId = "${WANG}") { fileRequest(input: { nationalId: $id, text: "t" }) { id } }`,
        undefined,
      ],
      [
        `mutation($input: RequestInput! = { creditCode: "${TEA}", text: "t" }) { fileRequest(input: $input) { id } }`,
        undefined,
      ],
      [
        `mutation { a: fileRequest(input: { text: "t" }) { id } b: fileRequest(input: { nationalId: "${LI}", text: "t" }) { id } }`,
        undefined,
      ],
      [
        `mutation { ...Filing } fragment Filing on Mutation { fileRequest(input: { parties: ["${WANG}"], text: "t" }) { id } }`,
        undefined,
      ],
    ];
    for (const [query, variables] of cases) {
      await expectRefused(await ask(query, variables, DESK_WITHOUT_CASE), {
        'Mutation.fileRequest': noCase,
      });
    }
    // The same document naming no one needs no case: the verdict follows the variables, not a cache.
    const anonymousRequest = { input: { text: 'a question about opening hours' } };
    expect((await ask(FILE, anonymousRequest, DESK_WITHOUT_CASE)).status).toBe(200);
    desk.written.length = 0;
    await expectRefused(await ask(FILE, forWang, DESK_WITHOUT_CASE), {
      'Mutation.fileRequest': noCase,
    });
  });

  it('runs none of two mutations when one is refused', async () => {
    await expectRefused(
      await ask(
        `mutation { fileRequest(input: { nationalId: "${WANG}", text: "t" }) { id } again: note(text: "x") }`,
        undefined,
        DESK,
      ),
      { 'Mutation.note': /agency desk-app holds no grant to write it/ },
    );
  });

  it('never lets an anonymous caller write, not even an INTERNAL mutation about no one', async () => {
    await expectRefused(await ask('mutation { note(text: "x") }'), {
      'Mutation.note': /writes need an identified caller/,
    });
  });

  it('lets a citizen write for themself only: no other person, no company in their place', async () => {
    const own = await ask(FILE, forWang, citizen(WANG));
    expect(own.status).toBe(200);
    // A company beside themself: the one they complain about.
    const aboutCompany = { input: { nationalId: WANG, creditCode: TEA, text: 'a complaint' } };
    expect((await ask(FILE, aboutCompany, citizen(WANG))).status).toBe(200);
    expect(desk.written.map((w) => w.hub?.citizen)).toEqual([WANG, WANG]);
    desk.written.length = 0;
    const otherPerson = /a citizen may write only for themself: no other person/;
    await expectRefused(await ask(FILE, forWang, citizen(LI)), {
      'Mutation.fileRequest': otherPerson,
    });
    await expectRefused(
      await ask(
        `mutation($id: NationalId = "${LI}") { fileRequest(input: { nationalId: "${WANG}", parties: [$id], text: "t" }) { id } }`,
        undefined,
        citizen(WANG),
      ),
      { 'Mutation.fileRequest': otherPerson },
    );
    await expectRefused(
      await ask(FILE, { input: { creditCode: TEA, text: 'for my company' } }, citizen(WANG)),
      {
        'Mutation.fileRequest':
          /a company may be named beside their own national ID, not in its place/,
      },
    );
    await expectRefused(await ask('mutation { note(text: "x") }', undefined, citizen(WANG)), {
      'Mutation.note': /not writable with a citizen token/,
    });
  });

  it('records a refused write once, as denied, naming whom it was for', async () => {
    await ask(FILE, forWang, DESK_WITHOUT_OPERATOR);
    const records = await recordsSince();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'denied', subjects: [WANG], operatorId: null });
    expect(records[0]?.phase).toBeUndefined();
  });

  it('runs nothing when the intent cannot be recorded (503 AUDIT_UNAVAILABLE)', async () => {
    await auditTable('off');
    try {
      const { status, body } = await ask(FILE, forWang, DESK);
      expect(status).toBe(503);
      expect(body.data).toBeNull();
      expect(firstErrorCode(body)).toBe('AUDIT_UNAVAILABLE');
      expect(firstError(body).message).toMatch(/so nothing was written/);
    } finally {
      await auditTable('on');
    }
    expect(desk.written).toEqual([]);
    expect(await recordsSince()).toEqual([]);
  });

  it('withholds the answer when the outcome cannot be recorded; the intent shows the attempt', async () => {
    breakAuditAfterWrite = true;
    try {
      const { status, body, text } = await ask(FILE, forWang, DESK);
      expect(status).toBe(503);
      expect(firstErrorCode(body)).toBe('AUDIT_UNAVAILABLE');
      expect(firstError(body).message).toMatch(/The write ran/);
      expect(text).not.toContain('a parking permit');
    } finally {
      await auditTable('on');
    }
    expect(desk.written).toHaveLength(1);
    expect((await recordsSince()).map((r) => r.phase)).toEqual(['intent']);
  });
});
