import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { createSqliteChainWriter } from '../src/audit/sqliteChainWriter.js';
import type { CheckpointReport } from '../src/audit/sqliteCheckpointThread.js';
import { createAuditLog, createAuditReader, verifyAuditChain } from '../src/index.js';
import { auditEntry } from './auditEntries.js';
import { useHubStore } from './useHubStore.js';

const logger = createLogger('hub-test', 'silent');

/** `count` valid-looking national IDs, distinct, as a 100-person list names them. */
function listSubjects(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `1101051949${String(from + i).padStart(7, '0')}X`);
}

describe.each(ENGINES)('audit batches of list reads on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_audit_lists' });

  it('chains 200 concurrent list records in order and indexes every subject once', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    hub.store.statements.reset();
    const settled: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        log
          .append(auditEntry(i + 1, { subjects: listSubjects(i * 150, 150) }))
          .then(() => settled.push(i + 1)),
      ),
    );
    // Every append resolved, and only once its batch committed: the records are all there.
    expect(settled).toHaveLength(200);
    // On SQLite the thread wrote them: the store's own connection ran nothing. On PostgreSQL a
    // batch is one statement after the head is first read.
    expect(hub.store.statements.total).toBe(engine === 'sqlite' ? 0 : 1 + log.flushes);
    const rows = await hub.store.db
      .selectFrom('audit_records')
      .select(['seq', 'request_id'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.request_id)).toEqual(
      Array.from({ length: 200 }, (_, i) => `req-${i + 1}`),
    );
    const indexRows = async () =>
      Number(
        (
          await hub.store.db
            .selectFrom('audit_subjects')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const newest = listSubjects(199 * 150 + 149, 1)[0] ?? '';
    const reader = createAuditReader(hub.store);
    const seqsOf = async (subject: string) =>
      ((await reader.recordsForSubjects([subject], 5)).get(subject) ?? []).map((r) => r.seq);
    // The index trails the chain (written in bulk once the chain is quiet or 2,048 records
    // trail), and the tracker reads the newest accesses from the chain meanwhile.
    expect(await indexRows()).toBe(0);
    expect(await seqsOf(newest)).toEqual([200]);
    expect((await reader.countsForSubjects([newest])).get(newest)).toBe(1);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 200 });
    // Closing the log brings the index up to the head.
    await log.close();
    expect(await indexRows()).toBe(200 * 150);
    const last = await hub.store.db
      .selectFrom('audit_subjects')
      .select('seq')
      .where('subject', '=', newest)
      .execute();
    expect(last.map((r) => Number(r.seq))).toEqual([200]);
    expect(await seqsOf(newest)).toEqual([200]);
    expect((await reader.countsForSubjects([newest])).get(newest)).toBe(1);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 200 });
  });

  it('keeps one chain across two logs appending at once (two gateway workers)', async () => {
    const a = createAuditLog({ store: hub.store, logger, maxBatch: 9 });
    const b = createAuditLog({ store: hub.store, logger, maxBatch: 13 });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 === 0 ? a : b).append(auditEntry(201 + i, { subjects: listSubjects(i, 100) })),
      ),
    );
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 400 });
    // Both logs sweep the index as they close: on SQLite taking turns on the write lock (a
    // sweep that finds it taken gives up; the next thread to start finishes), on PostgreSQL on
    // an advisory lock. Whatever they left must verify, and a sweep after them completes it
    // with every row once.
    await Promise.all([a.close(), b.close()]);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 400 });
    const last = createAuditLog({ store: hub.store, logger });
    await last.close();
    const head = await hub.store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(Number(head.indexed_seq)).toBe(400);
    const rows = await hub.store.db
      .selectFrom('audit_subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '>', 200)
      .executeTakeFirst();
    expect(Number(rows?.n)).toBe(200 * 100);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 400 });
  });
});

describe('the SQLite audit writer thread', () => {
  const hub = useHubStore('sqlite', { label: 'hub_audit_thread' });

  it('fails the writes it held when its thread dies; the next write starts a new thread', async () => {
    const file = hub.store.file ?? '';
    const writer = createSqliteChainWriter(file);
    await writer.write([auditEntry(1)]);
    const first = writer.thread;
    // A big batch, so the thread is most likely inside its transaction when it is stopped.
    const big = Array.from({ length: 400 }, (_, i) =>
      auditEntry(2 + i, { subjects: listSubjects(i * 200, 200) }),
    );
    const inFlight = writer.write(big);
    await first?.terminate();
    await expect(inFlight).rejects.toThrow(/audit writer thread stopped/);
    // Whatever the dead thread had not committed was rolled back and its lock released.
    await writer.write([auditEntry(500)]);
    expect(writer.thread).toBeDefined();
    expect(writer.thread).not.toBe(first);
    const verified = await verifyAuditChain(hub.store);
    expect([
      { ok: true, records: 2 },
      { ok: true, records: 402 },
    ]).toContainEqual(verified);
    await writer.close();
  });

  it('fails closed with AUDIT_UNAVAILABLE while the store cannot be written', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    const before = await verifyAuditChain(hub.store);
    if (!before.ok) throw new Error('the chain should verify before the test');
    const other = await import('better-sqlite3');
    // Drops the chain head from another connection: the thread's transaction cannot run.
    const raw = new other.default(hub.store.file ?? '');
    raw.exec('alter table audit_head rename to audit_head_away');
    try {
      await expect(log.append(auditEntry(600))).rejects.toMatchObject({
        extensions: { code: 'AUDIT_UNAVAILABLE' },
      });
    } finally {
      raw.exec('alter table audit_head_away rename to audit_head');
      raw.close();
    }
    await log.append(auditEntry(601));
    const after = await verifyAuditChain(hub.store);
    expect(after).toEqual({ ok: true, records: before.records + 1 });
    await log.close();
  });

  it('checkpoints from a thread of its own, which no write waits on', async () => {
    const file = hub.store.file ?? '';
    const before = await verifyAuditChain(hub.store);
    if (!before.ok) throw new Error('the chain should verify before the test');
    const writer = createSqliteChainWriter(file);
    const sizes = () => ({ file: statSync(file).size, wal: statSync(`${file}-wal`).size });
    const reportsOf = (worker: Worker | undefined) => {
      const reports: CheckpointReport[] = [];
      worker?.on('message', (report: CheckpointReport) => reports.push(report));
      return reports;
    };
    // Batches of 100 records of 200 subjects, numbered on from `from`.
    const writeRecords = async (from: number, count: number) => {
      for (let i = 0; i < count; i += 100) {
        await writer.write(
          Array.from({ length: 100 }, (_, j) =>
            auditEntry(from + i + j, { subjects: listSubjects((i + j) * 200, 200) }),
          ),
        );
      }
    };
    const copied = async (reports: CheckpointReport[], fileBefore: number) => {
      for (let waited = 0; waited < 5000; waited += 50) {
        if (reports.some((r) => r.checkpointedPages === r.walPages) && sizes().file > fileBefore) {
          return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };

    // Running: what the batches appended to the WAL is copied into the file.
    const first = writer.checkpointer;
    const firstReports = reportsOf(first);
    const start = sizes().file;
    await writeRecords(1, 200);
    expect(await copied(firstReports, start)).toBe(true);
    // Idle (the sweep that follows the writes done), the WAL keeps its frames, all copied, until
    // the next write: the checkpointer does not report it again on every turn.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = firstReports.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(firstReports.length).toBe(idle);

    // Stopped: writes go on, and past the 1,000 WAL pages at which SQLite's own checkpoint once
    // ran inside a commit, the writer's thread leaves the file as it was.
    await first?.terminate();
    expect(writer.checkpointer).toBeUndefined();
    const held = sizes().file;
    await writeRecords(201, 1000);
    expect(sizes().wal).toBeGreaterThan(1000 * 4096);
    expect(sizes().file).toBe(held);

    // The next writer's thread starts a checkpointer again, which copies what waited.
    await writer.thread?.terminate();
    await writer.write([auditEntry(1201)]);
    const second = writer.checkpointer;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await copied(reportsOf(second), held)).toBe(true);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: before.records + 1201 });

    // Closing stops both threads.
    const thread = writer.thread;
    await writer.close();
    expect(writer.checkpointer).toBeUndefined();
    expect(second?.threadId).toBe(-1);
    expect(thread?.threadId).toBe(-1);
  });

  it('closes cleanly right after it was made, its checkpointer still starting', async () => {
    const file = hub.store.file ?? '';
    // Terminating a thread while it loads better-sqlite3's native module aborts the process
    // (the whole test run): the checkpointer is asked to stop instead, and ends by itself.
    for (let i = 0; i < 5; i++) {
      const writer = createSqliteChainWriter(file);
      const checkpointer = writer.checkpointer;
      const exited = new Promise<number>((resolve) => checkpointer?.once('exit', resolve));
      await writer.close();
      expect(checkpointer?.threadId).toBe(-1);
      // Ended by itself (exit code 0), not terminated (exit code 1).
      expect(await exited).toBe(0);
    }
  });
});
