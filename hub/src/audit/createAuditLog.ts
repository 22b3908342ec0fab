import { AUDIT_UNAVAILABLE } from '@govgraph/schema/errors';
import type { Logger } from '@govgraph/schema/runtime';
import type { Transaction } from 'kysely';
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
}

/** The audit log with its group-commit counters. */
export interface HubAuditLog extends AuditLog {
  /** Transactions run so far (committed or not): fewer than appends when appends overlapped. */
  readonly flushes: number;
  /** Entries queued and not yet committed. */
  readonly pending: number;
}

interface Queued {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: Error) => void;
}

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
  const { store, logger, maxBatch = 500 } = options;
  let queue: Queued[] = [];
  let flushing: Promise<void> | null = null;
  let closed = false;
  let flushes = 0;

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

  const flushLoop = async () => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      flushes++;
      try {
        await store.db.transaction().execute((trx) => writeBatch(trx, batch));
        for (const q of batch) q.resolve();
      } catch (cause) {
        logger.error(
          { err: cause, entries: batch.length },
          'audit records could not be written; the requests fail closed',
        );
        const error = AUDIT_UNAVAILABLE.err(
          'The access could not be recorded in the audit log, so the data is withheld. Retry shortly; if it persists, report the request id to the platform operator.',
          { originalError: cause instanceof Error ? cause : new Error(String(cause)) },
        );
        for (const q of batch) q.reject(error);
      }
    }
    flushing = null;
  };

  const schedule = () => {
    // Started on a microtask: appends made in the same tick join the first transaction.
    flushing ??= Promise.resolve().then(flushLoop);
  };

  return {
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
        queue.push({ entry, resolve, reject });
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
