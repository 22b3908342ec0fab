import { createHash } from 'node:crypto';
import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { toAuditRow } from '../src/audit/auditRows.js';
import {
  auditRecordHash,
  createAuditLog,
  GENESIS_HASH,
  type HubStore,
  latestAuditRecords,
  verifyAuditChain,
} from '../src/index.js';
import { auditEntry, COMPANY, PEOPLE, STRANGER } from './auditEntries.js';
import { emptyChain } from './emptyChain.js';
import { useHubStore } from './useHubStore.js';

const logger = createLogger('hub-test', 'silent');

/** Empties the log and writes records 1-10 through the audit log. */
async function freshChain(store: HubStore): Promise<void> {
  await emptyChain(store);
  const log = createAuditLog({ store, logger, maxBatch: 4 });
  await Promise.all(Array.from({ length: 10 }, (_, i) => log.append(auditEntry(i + 1))));
  await log.close();
}

const hashOf = async (store: HubStore, seq: number) =>
  (
    await store.db
      .selectFrom('audit_records')
      .select('hash')
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()
  ).hash;

/** A record an intruder writes with the right hash and link, as someone who knows the format would. */
const forged = (seq: number, prevHash: string) => {
  const unhashed = {
    ...auditEntry(77, { agencyId: 'intruder', requestId: 'forged' }),
    seq,
    prevHash,
  };
  return toAuditRow({ ...unhashed, hash: auditRecordHash(unhashed) });
};

describe.each(ENGINES)('audit chain verification on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_tamper' });
  // Small pages, so breaks on page boundaries are covered too.
  const verify = () => verifyAuditChain(hub.store, { pageSize: 3 });

  beforeEach(() => freshChain(hub.store));

  it('passes an untouched chain, in pages or at once', async () => {
    expect(await verify()).toEqual({ ok: true, records: 10 });
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 10 });
  });

  it('passes an empty log', async () => {
    await hub.store.db.deleteFrom('audit_subjects').execute();
    await hub.store.db.deleteFrom('audit_records').execute();
    await hub.store.db
      .updateTable('audit_head')
      .set({ seq: 0, hash: GENESIS_HASH, indexed_seq: 0 })
      .execute();
    expect(await verify()).toEqual({ ok: true, records: 0 });
  });

  it('catches an edited field', async () => {
    await hub.store.db
      .updateTable('audit_records')
      .set({ purpose: 'SERVICE_DESK' })
      .where('seq', '=', 4)
      .execute();
    expect(await verify()).toEqual({
      ok: false,
      seq: 4,
      reason: 'its content does not match its hash: a field was edited, or the record was moved',
    });
  });

  it('catches a subject removed from a record', async () => {
    await hub.store.db
      .updateTable('audit_records')
      .set({ subjects: '[]' })
      .where('seq', '=', 7)
      .execute();
    expect(await verify()).toMatchObject({ ok: false, seq: 7 });
  });

  it('catches a time that is no longer a time', async () => {
    await hub.store.db
      .updateTable('audit_records')
      .set({ at: 'yesterday' })
      .where('seq', '=', 2)
      .execute();
    expect(await verify()).toMatchObject({
      ok: false,
      seq: 2,
      reason: expect.stringMatching(/cannot be read/),
    });
  });

  it('catches a record deleted from the middle', async () => {
    await hub.store.db.deleteFrom('audit_records').where('seq', '=', 5).execute();
    expect(await verify()).toEqual({
      ok: false,
      seq: 5,
      reason: 'record 5 is missing: the record after 4 is 6',
    });
  });

  it('catches the last record deleted', async () => {
    await hub.store.db.deleteFrom('audit_records').where('seq', '=', 10).execute();
    expect(await verify()).toEqual({
      ok: false,
      seq: 10,
      reason: 'record 10 is missing: the chain head names 10 as the last record',
    });
  });

  it('catches two records swapped', async () => {
    await hub.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('audit_records').set({ seq: -3 }).where('seq', '=', 3).execute();
      await trx.updateTable('audit_records').set({ seq: 3 }).where('seq', '=', 6).execute();
      await trx.updateTable('audit_records').set({ seq: 6 }).where('seq', '=', -3).execute();
    });
    expect(await verify()).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringMatching(/does not match its hash/),
    });
  });

  it('catches a forged record appended without moving the chain head', async () => {
    await hub.store.db
      .insertInto('audit_records')
      .values(forged(11, await hashOf(hub.store, 10)))
      .execute();
    expect(await verify()).toEqual({
      ok: false,
      seq: 11,
      reason: 'record 11 lies past the chain head (10): it was inserted outside the audit log',
    });
  });

  it('catches a forged record slipped into the middle', async () => {
    // Records 6-10 and their index rows move up one place, and a well-formed record 6 with its
    // index rows links to record 5.
    for (let seq = 10; seq >= 6; seq--) {
      await hub.store.db
        .updateTable('audit_records')
        .set({ seq: seq + 1 })
        .where('seq', '=', seq)
        .execute();
      await hub.store.db
        .updateTable('audit_subjects')
        .set({ seq: seq + 1 })
        .where('seq', '=', seq)
        .execute();
    }
    const record = forged(6, await hashOf(hub.store, 5));
    await hub.store.db.insertInto('audit_records').values(record).execute();
    const subjects = JSON.parse(record.subjects) as string[];
    await hub.store.db
      .insertInto('audit_subjects')
      .values(subjects.map((subject) => ({ subject, seq: 6 })))
      .execute();
    expect(await verify()).toMatchObject({
      ok: false,
      seq: 7,
      reason: expect.stringMatching(/does not match its hash/),
    });
  });

  it('names the lowest broken record when a page holds two', async () => {
    await hub.store.db.deleteFrom('audit_subjects').where('seq', '=', 4).execute();
    await hub.store.db
      .updateTable('audit_records')
      .set({ purpose: 'AUDIT' })
      .where('seq', '=', 6)
      .execute();
    expect(await verify()).toMatchObject({
      ok: false,
      seq: 4,
      reason: expect.stringMatching(/subject index/),
    });
  });

  it('catches a record whose link to the one before was rewritten with a matching hash', async () => {
    // Record 8 replaced by a well-formed record chained to the wrong predecessor.
    await hub.store.db.deleteFrom('audit_records').where('seq', '=', 8).execute();
    await hub.store.db
      .insertInto('audit_records')
      .values(forged(8, await hashOf(hub.store, 6)))
      .execute();
    expect(await verify()).toEqual({
      ok: false,
      seq: 8,
      reason:
        'its prevHash does not match the hash of record 7: records were reordered or replaced',
    });
  });

  it('catches an access hidden from the data tracker', async () => {
    await hub.store.db.deleteFrom('audit_subjects').where('seq', '=', 6).execute();
    expect(await verify()).toEqual({
      ok: false,
      seq: 6,
      reason:
        'its subject index rows do not match its subjects: the data tracker would show a different history',
    });
  });

  it('catches an access planted in the data tracker', async () => {
    await hub.store.db.insertInto('audit_subjects').values({ subject: STRANGER, seq: 3 }).execute();
    expect(await verify()).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringMatching(/subject index/),
    });
    await hub.store.db.deleteFrom('audit_subjects').where('subject', '=', STRANGER).execute();
    await hub.store.db
      .insertInto('audit_subjects')
      .values({ subject: STRANGER, seq: 99 })
      .execute();
    expect(await verify()).toEqual({
      ok: false,
      seq: 99,
      reason: 'the subject index names record 99, which does not exist',
    });
    await hub.store.db.deleteFrom('audit_subjects').where('subject', '=', STRANGER).execute();
  });

  it('finds rows planted for a subject of another page, in any page, lowest first', async () => {
    // A page's check reads the index by its own records' subjects (the index has no key on
    // seq): these rows are found by counting the index per page afterwards.
    const plant = (seq: number, subject: string) =>
      hub.store.db.insertInto('audit_subjects').values({ subject, seq }).execute();
    const unplant = (seq: number) =>
      hub.store.db
        .deleteFrom('audit_subjects')
        .where('seq', '=', seq)
        .where('subject', 'in', [STRANGER, COMPANY])
        .where((eb) => eb.not(eb('seq', 'in', [4, 8])))
        .execute();
    const planted = {
      ok: false,
      reason:
        'its subject index rows do not match its subjects: the data tracker would show a different history',
    };
    // COMPANY is in records 4 and 8 only: pages of 3 are 1-3, 4-6, 7-9, 10.
    await plant(99, STRANGER);
    await plant(10, STRANGER);
    await plant(2, COMPANY);
    expect(await verify()).toEqual({ ...planted, seq: 2 });
    expect(await verifyAuditChain(hub.store)).toEqual({ ...planted, seq: 2 });
    await unplant(2);
    expect(await verify()).toEqual({ ...planted, seq: 10 });
    await unplant(10);
    expect(await verify()).toEqual({
      ok: false,
      seq: 99,
      reason: 'the subject index names record 99, which does not exist',
    });
    await plant(0, STRANGER);
    await plant(-4, COMPANY);
    expect(await verify()).toEqual({
      ok: false,
      seq: -4,
      reason: 'the subject index names record -4, which does not exist',
    });
    for (const seq of [99, 0, -4]) await unplant(seq);
    expect(await verify()).toEqual({ ok: true, records: 10 });
  });

  it('catches a row between two records, whose seq is no record', async () => {
    // SQLite keeps 4.5 in an integer column; the tracker's counts would take it for an access.
    // PostgreSQL's bigint refuses it outright.
    const plant = (subject: string) =>
      sql`insert into audit_subjects (subject, seq) values (${subject}, ${4.5})`.execute(
        hub.store.db,
      );
    if (engine === 'postgres') {
      await expect(plant(STRANGER)).rejects.toThrow(/bigint/);
      return;
    }
    // Record 4 names PEOPLE[1] (read by its page's check), nobody names STRANGER there (found
    // by the count).
    for (const subject of [PEOPLE[1] as string, STRANGER]) {
      await plant(subject);
      for (const check of [verify, () => verifyAuditChain(hub.store)]) {
        expect(await check()).toEqual({
          ok: false,
          seq: 4.5,
          reason: 'the subject index names record 4.5, which does not exist',
        });
      }
      await hub.store.db.deleteFrom('audit_subjects').where('seq', '=', 4.5).execute();
    }
    expect(await verify()).toEqual({ ok: true, records: 10 });
  });

  it('finds a planted row that a deleted one makes room for', async () => {
    // Record 5 names PEOPLE[2]: its row gives way to a stranger's, the row count stays.
    await hub.store.db.deleteFrom('audit_subjects').where('seq', '=', 5).execute();
    await hub.store.db.insertInto('audit_subjects').values({ subject: STRANGER, seq: 5 }).execute();
    expect(await verify()).toMatchObject({ ok: false, seq: 5 });
    // Past the mark a record may have no rows yet, so only the stranger's row breaks it.
    await hub.store.db.updateTable('audit_head').set({ indexed_seq: 4 }).execute();
    expect(await verify()).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/subject index/),
    });
  });

  it('catches a rewritten chain head', async () => {
    await sql`update audit_head set hash = ${'f'.repeat(64)}`.execute(hub.store.db);
    expect(await verify()).toMatchObject({
      ok: false,
      seq: 10,
      reason: expect.stringMatching(/chain head's hash/),
    });
  });
});

describe.each(ENGINES)('audit correlation ids on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_correlation' });
  const verify = () => verifyAuditChain(hub.store, { pageSize: 3 });

  // Records 1-10 without a correlation id (as written before migration 0003), 11-12 with one.
  beforeEach(async () => {
    await freshChain(hub.store);
    const log = createAuditLog({ store: hub.store, logger });
    await log.append(auditEntry(11, { correlationId: 'caller-trace:0011' }));
    await log.append(auditEntry(12, { correlationId: 'caller-trace:0012' }));
    await log.close();
  });

  it('keeps the hash of a record without one as it was before the field existed', () => {
    // The canonical text of earlier releases, spelled out: a record without a correlation id
    // must hash to exactly this, or every chain written before would stop verifying.
    const entry = auditEntry(1);
    const before = JSON.stringify([
      1,
      GENESIS_HASH,
      entry.at.toISOString(),
      entry.requestId,
      entry.callerKind,
      entry.agencyId,
      entry.operatorId,
      entry.purpose,
      entry.caseId,
      entry.operationHash,
      entry.operationName,
      entry.coordinates,
      [],
      entry.subjects,
      entry.outcome,
      entry.cached,
    ]);
    expect(auditRecordHash({ ...entry, seq: 1, prevHash: GENESIS_HASH })).toBe(
      createHash('sha256').update(before).digest('hex'),
    );
  });

  it('verifies a chain of old records followed by records with a correlation id', async () => {
    expect(await verify()).toEqual({ ok: true, records: 12 });
    const [latest] = await latestAuditRecords(hub.store, 1);
    expect(latest).toMatchObject({ seq: 12, correlationId: 'caller-trace:0012' });
  });

  it('catches a correlation id edited, removed, or planted on an old record', async () => {
    const setCorrelation = (seq: number, value: string | null) =>
      hub.store.db
        .updateTable('audit_records')
        .set({ correlation_id: value })
        .where('seq', '=', seq)
        .execute();
    await setCorrelation(11, 'someone-else');
    expect(await verify()).toMatchObject({ ok: false, seq: 11 });
    await setCorrelation(11, 'caller-trace:0011');
    await setCorrelation(12, null);
    expect(await verify()).toMatchObject({ ok: false, seq: 12 });
    await setCorrelation(12, 'caller-trace:0012');
    expect(await verify()).toEqual({ ok: true, records: 12 });
    await setCorrelation(5, 'planted');
    expect(await verify()).toMatchObject({ ok: false, seq: 5 });
  });
});
