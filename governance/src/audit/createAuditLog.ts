import { AUDIT_UNAVAILABLE } from '@govgraph/schema/errors';
import type { Logger } from '@govgraph/server';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditEntry, AuditLog } from '../types.js';
import type { AuditChainWriter } from './auditChainWriter.js';
import { createKyselyChainWriter } from './kyselyChainWriter.js';
import { createPostgresChainWriter } from './postgresChainWriter.js';
import { createSqliteChainWriter } from './sqliteChainWriter.js';

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
  /**
   * Commits what is queued, then brings the subject index up to the chain head (the SQLite file
   * and PostgreSQL writers' index trails it, docs/architecture.md#the-subject-index; the
   * in-memory one's never does). For whoever needs the index whole now: the benchmark between
   * its blocks.
   */
  indexSubjects(): Promise<void>;
}

/** Hears each audit transaction: how many entries, how long it took, whether it committed. */
export interface AuditFlushObserver {
  flushed(entries: number, seconds: number, ok: boolean): void;
  /**
   * How many records the subject index trails the head by: after each committed batch, and
   * after each sweep of a SQLite file or PostgreSQL writer (0 where each batch indexes its own).
   */
  indexTrailing?(records: number): void;
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

/**
 * The hash-chained audit log with group commit: appends queue up, and one flush at a time
 * writes everything queued in one transaction: it locks the chain head, numbers and chains the
 * records from it, inserts them, and moves the head (their subject index rows in the same
 * transaction in memory, in sweeps after it on a SQLite file or PostgreSQL). Every append of
 * the batch resolves when it commits and rejects when it does not (the gateway then
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

  const writer = chainWriterFor(store);
  writer.onIndexTrailing?.((records) => observer?.indexTrailing?.(records));
  const commit = (batch: readonly Queued[]) => writer.write(batch.map((q) => q.entry));

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
        const { indexTrailing } = await commit(batch);
        told(true);
        observer?.indexTrailing?.(indexTrailing);
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
    async indexSubjects() {
      while (flushing) await flushing;
      await writer.indexSubjects();
    },
    async close() {
      closed = true;
      while (flushing) await flushing;
      await writer.close();
    },
    get flushes() {
      return flushes;
    },
    get pending() {
      return queue.length;
    },
  };
}

/**
 * Where batches go: PostgreSQL in one statement per batch; a SQLite file from a thread of its own
 * (the driver is synchronous, and a batch of list reads names hundreds of subjects); an
 * in-memory SQLite store, which no thread can open, through its own connection.
 */
function chainWriterFor(store: HubStore): AuditChainWriter {
  if (store.engine === 'postgres') return createPostgresChainWriter(store);
  if (store.file && store.file !== ':memory:') return createSqliteChainWriter(store.file);
  return createKyselyChainWriter(store);
}

/** True when SQLite refused because another connection holds the write lock. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}
