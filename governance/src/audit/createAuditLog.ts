import { AUDIT_UNAVAILABLE } from '@govgraph/schema/errors';
import type { Logger } from '@govgraph/server';
import { sql, type Transaction } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { HubDB } from '../store/schema.js';
import type { AuditEntry, AuditLog, AuditRecord } from '../types.js';
import { auditRecordHash } from './auditHash.js';
import { toAuditRow } from './auditRows.js';

export interface AuditLogOptions {
  store: HubStore;
  logger: Logger;
  /** Most entries written in one transaction; the rest wait for the next. @default 500 */
  maxBatch?: number;
  /**
   * SQLite only: how long an entry may wait for the database's write lock (held by another
   * process) before its append fails closed. The wait never blocks the event loop: the flush
   * tries the lock without waiting and, when it is taken, tries again on a timer. @default 5000
   */
  lockWaitMs?: number;
}

/** The audit log with its group-commit counters. */
export interface HubAuditLog extends AuditLog {
  /** Transactions run so far (committed or not): fewer than appends when appends overlapped. */
  readonly flushes: number;
  /** Entries queued and not yet committed. */
  readonly pending: number;
  /** Tells `observer` of every transaction written from now on (the gateway's metrics). */
  observe(observer: AuditFlushObserver): void;
}

/** Hears each audit transaction: how many entries, how long it took, whether it committed. */
export interface AuditFlushObserver {
  flushed(entries: number, seconds: number, ok: boolean): void;
}

interface Queued {
  entry: AuditEntry;
  /** `performance.now()` when appended: the lock wait is counted from here. */
  since: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The first and the longest pause between tries of a locked SQLite database, in ms. */
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 50;

// Rows per INSERT: well under both engines' bound-parameter limits (18 and 2 columns).
const RECORDS_PER_INSERT = 500;
const SUBJECTS_PER_INSERT = 5000;

/**
 * The hash-chained audit log with group commit: appends queue up, and one flush at a time
 * writes everything queued in one transaction: it locks the chain head, numbers and chains the
 * records from it, inserts them with their subject index rows, and moves the head. Every
 * append of the batch resolves when it commits and rejects when it does not (the gateway then
 * withholds the data). Appends that arrive during a flush go into the next one, so a busy
 * gateway writes many records per transaction instead of queueing a transaction per request.
 */
export function createAuditLog(options: AuditLogOptions): HubAuditLog {
  const { store, logger, maxBatch = 500, lockWaitMs = 5000 } = options;
  let queue: Queued[] = [];
  let flushing: Promise<void> | null = null;
  let closed = false;
  let flushes = 0;
  let observer: AuditFlushObserver | undefined;

  const writeBatch = async (trx: Transaction<HubDB>, batch: readonly Queued[]) => {
    // The head row is the lock: on PostgreSQL `for update` makes gateway instances sharing the
    // database take turns; on SQLite a write takes the database's write lock up front, so the
    // transaction never has to upgrade a read lock (which fails, not waits, under WAL).
    const head =
      store.engine === 'postgres'
        ? await trx
            .selectFrom('audit_head')
            .select(['seq', 'hash'])
            .where('id', '=', 1)
            .forUpdate()
            .executeTakeFirst()
        : await trx
            .updateTable('audit_head')
            .set((eb) => ({ seq: eb.ref('seq') }))
            .where('id', '=', 1)
            .returning(['seq', 'hash'])
            .executeTakeFirst();
    if (!head) throw new Error('the audit chain head row is missing (audit_head id 1)');
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const records: AuditRecord[] = batch.map(({ entry }) => {
      seq += 1;
      const unhashed = { ...entry, seq, prevHash };
      const record = { ...unhashed, hash: auditRecordHash(unhashed) };
      prevHash = record.hash;
      return record;
    });
    for (let i = 0; i < records.length; i += RECORDS_PER_INSERT) {
      await trx
        .insertInto('audit_records')
        .values(records.slice(i, i + RECORDS_PER_INSERT).map(toAuditRow))
        .execute();
    }
    const subjects = records.flatMap((r) =>
      [...new Set(r.subjects)].map((subject) => ({ subject, seq: r.seq })),
    );
    for (let i = 0; i < subjects.length; i += SUBJECTS_PER_INSERT) {
      await trx
        .insertInto('audit_subjects')
        .values(subjects.slice(i, i + SUBJECTS_PER_INSERT))
        .execute();
    }
    await trx.updateTable('audit_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
  };

  // One transaction for the batch. On SQLite the busy timeout is 0 inside it: better-sqlite3
  // is synchronous, and its busy handler would freeze the whole process while another
  // connection holds the write lock; instead the write fails at once with SQLITE_BUSY.
  const commit = (batch: readonly Queued[]) =>
    store.db.transaction().execute(async (trx) => {
      if (store.engine === 'postgres') return writeBatch(trx, batch);
      const waited = await busyTimeout(trx, 0);
      try {
        await writeBatch(trx, batch);
      } finally {
        await busyTimeout(trx, waited);
      }
    });

  const fail = (batch: readonly Queued[], cause: unknown) => {
    logger.error(
      { err: cause, entries: batch.length },
      'audit records could not be written; the requests fail closed',
    );
    const error = AUDIT_UNAVAILABLE.err(
      'The access could not be recorded in the audit log, so the data is withheld. Retry shortly; if it persists, report the request id to the platform operator.',
      { originalError: cause instanceof Error ? cause : new Error(String(cause)) },
    );
    for (const q of batch) q.reject(error);
  };

  // Writes one batch, trying again while SQLite's write lock is taken: each try takes the
  // entries queued meanwhile too (up to maxBatch, in arrival order), and entries that have
  // waited lockWaitMs fail closed. Returns when every entry of the batch is settled.
  const flushBatch = async (first: Queued[]) => {
    let batch = first;
    for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, MAX_RETRY_MS)) {
      flushes++;
      const started = performance.now();
      const told = (ok: boolean) =>
        observer?.flushed(batch.length, (performance.now() - started) / 1000, ok);
      try {
        await commit(batch);
        told(true);
        for (const q of batch) q.resolve();
        return;
      } catch (cause) {
        told(false);
        if (!isBusy(cause)) return fail(batch, cause);
        const now = performance.now();
        const expired = batch.filter((q) => now - q.since >= lockWaitMs);
        if (expired.length > 0) fail(expired, cause);
        batch = batch.filter((q) => now - q.since < lockWaitMs);
        await new Promise((resolve) => setTimeout(resolve, pause));
        batch = [...batch, ...take(maxBatch - batch.length)];
        if (batch.length === 0) return;
      }
    }
  };

  const take = (count: number) => {
    const taken = queue.slice(0, Math.max(0, count));
    queue = queue.slice(taken.length);
    return taken;
  };

  const flushLoop = async () => {
    while (queue.length > 0) await flushBatch(take(maxBatch));
    flushing = null;
  };

  const schedule = () => {
    // Started on a microtask: appends made in the same tick join the first transaction.
    flushing ??= Promise.resolve().then(flushLoop);
  };

  return {
    observe(next) {
      observer = next;
    },
    append(entry) {
      if (closed) {
        return Promise.reject(
          AUDIT_UNAVAILABLE.err(
            'The audit log is shutting down, so the data is withheld. Retry on another gateway instance.',
          ),
        );
      }
      // Checked here, not in the flush: one bad entry must not fail the whole batch it joins.
      if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime())) {
        logger.error(
          { requestId: entry.requestId },
          'an audit entry without a valid time was refused',
        );
        return Promise.reject(
          AUDIT_UNAVAILABLE.err(
            'The access could not be recorded in the audit log, so the data is withheld.',
          ),
        );
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, since: performance.now(), resolve, reject });
        schedule();
      });
    },
    async close() {
      closed = true;
      while (flushing) await flushing;
    },
    get flushes() {
      return flushes;
    },
    get pending() {
      return queue.length;
    },
  };
}

/** Sets SQLite's busy timeout on the transaction's connection; returns the one it replaced. */
async function busyTimeout(trx: Transaction<HubDB>, ms: number): Promise<number> {
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(trx);
  await sql`pragma busy_timeout = ${sql.lit(ms)}`.execute(trx);
  return Number(rows[0]?.timeout ?? 0);
}

/** True when SQLite refused because another connection holds the write lock. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}
