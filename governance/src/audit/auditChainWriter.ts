import type { AuditEntry } from '../types.js';

/**
 * Writes one batch of entries to the chain in one transaction: locks the head, numbers and
 * chains the records from it, inserts them (with their subject rows in memory only), and moves
 * the head. Resolves once the transaction has committed; rejects (with SQLite's `code` kept, so
 * a taken write lock can be retried) when it did not.
 */
export interface AuditChainWriter {
  write(entries: readonly AuditEntry[]): Promise<WriteReport>;
  /**
   * Brings the subject index up to the chain head. The SQLite file and PostgreSQL writers let
   * the index trail (they index in bulk, docs/architecture.md#the-subject-index); the in-memory
   * one indexes each record in its own transaction and resolves at once.
   */
  indexSubjects(): Promise<void>;
  /** Hears how far the index trails after each sweep (writers whose index can trail). */
  onIndexTrailing?(listener: (records: number) => void): void;
  /** Releases what the writer holds (the SQLite writer's thread); call once nothing is pending. */
  close(): Promise<void>;
}

/** What a committed batch leaves behind. */
export interface WriteReport {
  /** Records the subject index now trails the head by (0 where each batch indexes its own). */
  indexTrailing: number;
}

/** What a writer's failure keeps of the driver's error: its code and message. */
export interface AuditWriteFailure {
  code?: string;
  message: string;
}

/** An Error carrying the driver's `code` (e.g. `SQLITE_BUSY`), rebuilt from a failure report. */
export function auditWriteError(failure: AuditWriteFailure): Error {
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
}
