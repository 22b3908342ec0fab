import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainWriter } from '../src/audit/auditChainWriter.js';
import { AUDIT_SWEEP_LOCK, createPostgresChainWriter } from '../src/audit/postgresChainWriter.js';
import { createSqliteChainWriter } from '../src/audit/sqliteChainWriter.js';
import {
  createAuditLog,
  createAuditReader,
  type HubStore,
  verifyAuditChain,
} from '../src/index.js';
import { auditEntry, COMPANY, PEOPLE, STRANGER } from './auditEntries.js';
import { emptyChain } from './emptyChain.js';
import { useHubStore } from './useHubStore.js';

// The subject index may trail the chain (docs/architecture.md#the-subject-index): the SQLite
// file and PostgreSQL writers index in bulk, after the records' own commit. These tests try to make the
// tracker miss or double an access across that mark, and to hide or plant one by editing the
// mark, and check that verify sees every such edit.

const logger = createLogger('hub-test', 'silent');
const PERSON = PEOPLE[0] as string;

/** Empties the log and writes records 1-`count` through the audit log, indexed whole. */
async function freshChain(store: HubStore, count: number): Promise<void> {
  await emptyChain(store);
  const log = createAuditLog({ store, logger, maxBatch: 7 });
  await Promise.all(Array.from({ length: count }, (_, i) => log.append(auditEntry(i + 1))));
  await log.close();
}

/** Leaves the index as a bulk-indexing writer leaves it: covering records 1-`mark` only. */
async function trailAt(store: HubStore, mark: number): Promise<void> {
  await store.db.deleteFrom('audit_subjects').where('seq', '>', mark).execute();
  await store.db.updateTable('audit_head').set({ indexed_seq: mark }).execute();
}

/** The chain writer a gateway uses on the store's engine (a SQLite file: its thread). */
function writerFor(store: HubStore): AuditChainWriter {
  return store.engine === 'postgres'
    ? createPostgresChainWriter(store)
    : createSqliteChainWriter(store.file ?? '');
}

const head = (store: HubStore) =>
  store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();

/** Rows in the subject index. */
async function indexRows(store: HubStore): Promise<number> {
  const row = await store.db
    .selectFrom('audit_subjects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(ENGINES)('the data tracker across the subject index mark on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_index_trail' });
  const reader = () => createAuditReader(hub.store);
  // PERSON is in records 3, 6, 9, ... (auditEntry(i) names PEOPLE[i % 3]); COMPANY in 4, 8, ...
  const personSeqs = (to: number) =>
    Array.from({ length: Math.floor(to / 3) }, (_, i) => to - (to % 3) - 3 * i);

  beforeEach(() => freshChain(hub.store, 30));

  it('reads the same history, newest first, wherever the index stops', async () => {
    const indexedWhole = await reader().recordsForSubjects([PERSON, COMPANY, STRANGER], 50);
    expect(indexedWhole.get(PERSON)?.map((r) => r.seq)).toEqual(personSeqs(30));
    // The mark only moves back here: each step leaves the index as a writer behind it would.
    for (const mark of [29, 13, 12, 1, 0]) {
      await trailAt(hub.store, mark);
      const read = await reader().recordsForSubjects([PERSON, COMPANY, STRANGER], 50);
      expect(read).toEqual(indexedWhole);
      const counts = await reader().countsForSubjects([PERSON, COMPANY, STRANGER]);
      expect(Object.fromEntries(counts)).toEqual({
        [PERSON]: 10,
        [COMPANY]: 7,
        [STRANGER]: 0,
      });
      expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 30 });
    }
  });

  it('keeps the limit and pages with `before` across the mark, never twice, never skipping', async () => {
    await trailAt(hub.store, 14);
    const pages: number[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = (await reader().recordsForSubjects([PERSON], 4, { before })).get(PERSON) ?? [];
      if (page.length === 0) break;
      pages.push(page.map((r) => r.seq));
      before = page.at(-1)?.seq;
    }
    expect(pages).toEqual([
      [30, 27, 24, 21],
      [18, 15, 12, 9],
      [6, 3],
    ]);
  });

  it('counts a record once when rows exist past the mark too (a writer that indexes at once)', async () => {
    // The index covers 1-10; rows for 11-30 exist as well, as a PostgreSQL-style writer would
    // have added them while the mark was behind.
    await hub.store.db.updateTable('audit_head').set({ indexed_seq: 10 }).execute();
    const seqs = (await reader().recordsForSubjects([PERSON], 50)).get(PERSON)?.map((r) => r.seq);
    expect(seqs).toEqual(personSeqs(30));
    expect((await reader().countsForSubjects([PERSON])).get(PERSON)).toBe(10);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 30 });
  });

  it('finds a subject past the mark however its record spells the JSON', async () => {
    // The same subjects with every character escaped: the hash covers the parsed values, so
    // verify passes, and the tracker must still see the access (it skips unparsed only text
    // that cannot name the subject).
    await trailAt(hub.store, 0);
    const record = await hub.store.db
      .selectFrom('audit_records')
      .select('subjects')
      .where('seq', '=', 12)
      .executeTakeFirstOrThrow();
    const escaped = `[${(JSON.parse(record.subjects) as string[])
      .map(
        (s) =>
          `"${[...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`,
      )
      .join(',')}]`;
    expect(escaped).not.toContain(PERSON);
    await hub.store.db
      .updateTable('audit_records')
      .set({ subjects: escaped })
      .where('seq', '=', 12)
      .execute();
    const seqs = (await reader().recordsForSubjects([PERSON], 50)).get(PERSON)?.map((r) => r.seq);
    expect(seqs).toEqual(personSeqs(30));
    expect((await reader().countsForSubjects([PERSON, COMPANY])).get(PERSON)).toBe(10);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 30 });
  });

  it('shows an access whose index rows were deleted before the mark reached it', async () => {
    await trailAt(hub.store, 20);
    // Nothing to delete past the mark: the tracker reads those records from the chain.
    const seqs = (await reader().recordsForSubjects([PERSON], 50)).get(PERSON)?.map((r) => r.seq);
    expect(seqs?.slice(0, 4)).toEqual([30, 27, 24, 21]);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 30 });
  });

  it('catches a mark moved over records the index does not hold', async () => {
    await trailAt(hub.store, 20);
    await hub.store.db.updateTable('audit_head').set({ indexed_seq: 30 }).execute();
    // Records 21-30 would vanish from the tracker: verify names the first.
    expect(await verifyAuditChain(hub.store, { pageSize: 4 })).toEqual({
      ok: false,
      seq: 21,
      reason:
        'its subject index rows do not match its subjects: the data tracker would show a different history',
    });
  });

  it('catches a mark past the chain head', async () => {
    await hub.store.db.updateTable('audit_head').set({ indexed_seq: 31 }).execute();
    expect(await verifyAuditChain(hub.store)).toEqual({
      ok: false,
      seq: 31,
      reason:
        'the subject index claims to cover record 31, past the chain head (30): the head row was edited',
    });
  });

  it('catches an access planted past the mark', async () => {
    await trailAt(hub.store, 20);
    await hub.store.db
      .insertInto('audit_subjects')
      .values({ subject: STRANGER, seq: 25 })
      .execute();
    expect(await verifyAuditChain(hub.store)).toMatchObject({
      ok: false,
      seq: 25,
      reason: expect.stringMatching(/subject index/),
    });
  });
});

describe.each(ENGINES)('the %s writer indexes what trails', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_index_thread' });

  /** Waits (up to 10 s) until the index has caught up with the head. */
  async function caughtUp(): Promise<{ seq: number; indexed_seq: number }> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await head(hub.store);
      if (Number(now.indexed_seq) === Number(now.seq) || Date.now() > deadline) return now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeEach(() => freshChain(hub.store, 0));

  it('once the chain is quiet, without being closed', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    // The gateway's gauge hears how far the index trails after each batch, and after the sweep.
    const trailing: number[] = [];
    log.observe({ flushed: () => {}, indexTrailing: (behind) => trailing.push(behind) });
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.append(auditEntry(i + 1))));
    expect(trailing.at(-1)).toBe(40);
    const now = await caughtUp();
    expect([Number(now.seq), Number(now.indexed_seq)]).toEqual([40, 40]);
    // A quiet hub's gauge must not stay at what the last batch left: the sweep reports too.
    await expect.poll(() => trailing.at(-1), { timeout: 5_000 }).toBe(0);
    const rows = await hub.store.db
      .selectFrom('audit_subjects')
      .select(['seq'])
      .where('subject', '=', PERSON)
      .orderBy('seq', 'desc')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([
      39, 36, 33, 30, 27, 24, 21, 18, 15, 12, 9, 6, 3,
    ]);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 40 });
    await log.close();
  });

  it('at once when asked through the log, with what was still queued', async () => {
    // Long before the quiet sweep would start: the log commits its queue, then indexes.
    const log = createAuditLog({ store: hub.store, logger });
    const appended = Array.from({ length: 25 }, (_, i) => log.append(auditEntry(i + 1)));
    await log.indexSubjects();
    await Promise.all(appended);
    const now = await head(hub.store);
    expect([Number(now.seq), Number(now.indexed_seq)]).toEqual([25, 25]);
    expect(await indexRows(hub.store)).toBe(25 + 6); // PEOPLE[i % 3] in each, COMPANY in every fourth
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 25 });
    await log.close();
  });

  it('again after someone lowers the mark and deletes the rows above it', async () => {
    // An intruder's way to hide accesses without verify noticing: move the mark back, then
    // delete the rows past it. The tracker still reads those records from the chain, and the
    // next sweep writes the rows again.
    const writer = writerFor(hub.store);
    await writer.write(Array.from({ length: 30 }, (_, i) => auditEntry(i + 1)));
    await writer.indexSubjects();
    await trailAt(hub.store, 5);
    const seqs = async () =>
      (await createAuditReader(hub.store).recordsForSubjects([PERSON], 50))
        .get(PERSON)
        ?.map((r) => r.seq);
    expect(await seqs()).toEqual([30, 27, 24, 21, 18, 15, 12, 9, 6, 3]);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 30 });
    await writer.indexSubjects();
    expect(Number((await head(hub.store)).indexed_seq)).toBe(30);
    const rows = await hub.store.db
      .selectFrom('audit_subjects')
      .select('seq')
      .where('subject', '=', PERSON)
      .orderBy('seq', 'desc')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([30, 27, 24, 21, 18, 15, 12, 9, 6, 3]);
    await writer.close();
  });

  it('naming more people than one SQLite sweep gathers (16,384), in several', async () => {
    // 60 records of 500 people each, none named twice: 30,000 subjects.
    const entries = Array.from({ length: 60 }, (_, i) =>
      auditEntry(i + 1, {
        subjects: Array.from(
          { length: 500 },
          (_, k) => `Q-${String(i * 500 + k).padStart(5, '0')}`,
        ),
      }),
    );
    const writer = writerFor(hub.store);
    await writer.write(entries);
    await writer.indexSubjects();
    expect(Number((await head(hub.store)).indexed_seq)).toBe(60);
    expect(await indexRows(hub.store)).toBe(30_000);
    const reader = createAuditReader(hub.store);
    const found = await reader.recordsForSubjects(['Q-00000', 'Q-16499', 'Q-29999'], 5);
    expect([...found].map(([subject, records]) => [subject, records.map((r) => r.seq)])).toEqual([
      ['Q-00000', [1]],
      ['Q-16499', [33]],
      ['Q-29999', [60]],
    ]);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 60 });
    await writer.close();
  });

  it('longer than one sweep takes (4,096 records on SQLite, 2,048 on PostgreSQL), in several', async () => {
    const writer = writerFor(hub.store);
    const entries = Array.from({ length: 4600 }, (_, i) => auditEntry(i + 1));
    for (let i = 0; i < entries.length; i += 500) await writer.write(entries.slice(i, i + 500));
    await writer.indexSubjects();
    expect(Number((await head(hub.store)).indexed_seq)).toBe(4600);
    // PEOPLE[i % 3] in every record, COMPANY in every fourth.
    expect(await indexRows(hub.store)).toBe(4600 + 1150);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 4600 });
    await writer.close();
  });

  it('over many slices of subjects, each subject once per record even when named twice', async () => {
    // 3,000 subjects in 40 records (the SQLite sweep writes ~2,000 rows a transaction, whole
    // subjects at a time), and a record that names one of them twice.
    const many = (i: number) =>
      Array.from({ length: 75 }, (_, k) => `P-${String((i * 75 + k) % 3000).padStart(4, '0')}`);
    const entries = Array.from({ length: 40 }, (_, i) =>
      auditEntry(i + 1, { subjects: i === 9 ? [...many(i), 'P-0700'] : many(i) }),
    );
    const writer = writerFor(hub.store);
    await writer.write(entries);
    await writer.indexSubjects();
    expect(Number((await head(hub.store)).indexed_seq)).toBe(40);
    expect(await indexRows(hub.store)).toBe(3000);
    const counts = await createAuditReader(hub.store).countsForSubjects(['P-0700', 'P-2999']);
    expect(Object.fromEntries(counts)).toEqual({ 'P-0700': 1, 'P-2999': 1 });
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 40 });
    await writer.close();
  });

  it('left behind by an instance that stopped before its sweep: the next write sweeps it', async () => {
    const first = writerFor(hub.store);
    await first.write(Array.from({ length: 30 }, (_, i) => auditEntry(i + 1)));
    await first.close();
    // What a stopped instance leaves: records past the mark and none of their rows.
    await trailAt(hub.store, 0);
    const next = writerFor(hub.store);
    await next.write([auditEntry(31)]);
    const now = await caughtUp();
    expect([Number(now.seq), Number(now.indexed_seq)]).toEqual([31, 31]);
    expect(await indexRows(hub.store)).toBe(31 + 7); // PEOPLE[i % 3] in each, COMPANY in every fourth
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 31 });
    await next.close();
  });

  // Text the server could not expand as JSON must not stop the sweep: not JSON at all, an array
  // with an escaped quote and a number, an object, a cut-off array.
  it.each(['not json', `["${PERSON}\\"x",7,null]`, '{"subjects":[]}', `["${PERSON}"`])(
    'past a record whose subjects were edited into %s, which verify names',
    async (edited) => {
      const writer = writerFor(hub.store);
      await writer.write(Array.from({ length: 12 }, (_, i) => auditEntry(i + 1)));
      await writer.indexSubjects();
      // The edit lands on a record the index does not cover yet.
      await trailAt(hub.store, 0);
      await hub.store.db
        .updateTable('audit_records')
        .set({ subjects: edited })
        .where('seq', '=', 6)
        .execute();
      await writer.indexSubjects();
      expect(Number((await head(hub.store)).indexed_seq)).toBe(12);
      const seqs = (await createAuditReader(hub.store).recordsForSubjects([PERSON], 50))
        .get(PERSON)
        ?.map((r) => r.seq);
      expect(seqs).toEqual([12, 9, 3]);
      expect(await verifyAuditChain(hub.store)).toMatchObject({ ok: false, seq: 6 });
      await writer.close();
    },
  );
});

describe('the SQLite writer thread', () => {
  const hub = useHubStore('sqlite', { label: 'hub_index_thread_death' });

  beforeEach(() => freshChain(hub.store, 0));

  it('left by a thread that died: the next thread indexes it', async () => {
    const writer = createSqliteChainWriter(hub.store.file ?? '');
    await writer.write(Array.from({ length: 30 }, (_, i) => auditEntry(i + 1)));
    await writer.thread?.terminate();
    expect(Number((await head(hub.store)).indexed_seq)).toBe(0);
    const next = createSqliteChainWriter(hub.store.file ?? '');
    await expect
      .poll(async () => Number((await head(hub.store)).indexed_seq), { timeout: 10_000 })
      .toBe(30);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 30 });
    await Promise.all([writer.close(), next.close()]);
  });
});

/**
 * Another gateway instance in the middle of a sweep: a transaction holding the sweep's advisory
 * lock until `finish`.
 */
async function anotherInstanceSweeping(store: HubStore): Promise<{ finish(): Promise<void> }> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked: () => void = () => {};
  const lockTaken = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = store.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_SWEEP_LOCK})`.execute(trx);
    locked();
    await held;
  });
  await lockTaken;
  return {
    finish: () => {
      release();
      return done;
    },
  };
}

describe('the PostgreSQL writer', () => {
  const hub = useHubStore('postgres', { label: 'hub_index_sweep_lock' });

  beforeEach(() => freshChain(hub.store, 0));

  it('leaves the sweep to the instance holding its lock, and sweeps once that one is done', async () => {
    const other = await anotherInstanceSweeping(hub.store);
    const writer = createPostgresChainWriter(hub.store);
    const trailing: number[] = [];
    writer.onIndexTrailing?.((records) => trailing.push(records));
    // More than a sweep's trigger: this instance tries at once, finds the lock taken, and
    // reports the index still trailing rather than waiting on the lock or writing twice.
    const report = await writer.write(Array.from({ length: 600 }, (_, i) => auditEntry(i + 1)));
    expect(report.indexTrailing).toBe(600);
    await expect.poll(() => trailing.at(-1), { timeout: 5_000 }).toBe(600);
    expect(Number((await head(hub.store)).indexed_seq)).toBe(0);
    // The tracker reads those accesses from the chain meanwhile.
    const seqs = async () =>
      (await createAuditReader(hub.store).recordsForSubjects([PERSON], 2))
        .get(PERSON)
        ?.map((r) => r.seq);
    expect(await seqs()).toEqual([600, 597]);
    await other.finish();
    // Once the chain has been quiet, the next try takes the lock and indexes every record once.
    await expect
      .poll(async () => Number((await head(hub.store)).indexed_seq), { timeout: 10_000 })
      .toBe(600);
    await expect.poll(() => trailing.at(-1), { timeout: 5_000 }).toBe(0);
    expect(await indexRows(hub.store)).toBe(600 + 150); // PEOPLE[i % 3] in each, COMPANY in every fourth
    expect(await seqs()).toEqual([600, 597]);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 600 });
    await writer.close();
  });

  it('closes at once while another instance sweeps, leaving the rest to it', async () => {
    const other = await anotherInstanceSweeping(hub.store);
    const writer = createPostgresChainWriter(hub.store, { closeSweepMs: 60_000 });
    await writer.write(Array.from({ length: 30 }, (_, i) => auditEntry(i + 1)));
    // Waiting behind the other sweep would hold up the stopping gateway (and its store's close):
    // the lock is released only after close resolves, so a close that waited would never end.
    await writer.close();
    expect(Number((await head(hub.store)).indexed_seq)).toBe(0);
    await other.finish();
    const next = createPostgresChainWriter(hub.store);
    await next.indexSubjects();
    expect(Number((await head(hub.store)).indexed_seq)).toBe(30);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 30 });
    await next.close();
  });
});
