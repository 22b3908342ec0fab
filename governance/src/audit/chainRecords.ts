import type { AuditEntry, AuditRecord } from '../types.js';
import { auditRecordHash } from './auditHash.js';

/** Numbers and chains a batch from the head it extends; the last record is the new head. */
export function chainRecords(
  head: { seq: number; hash: string },
  entries: readonly AuditEntry[],
): AuditRecord[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return entries.map((entry) => {
    seq += 1;
    const unhashed = { ...entry, seq, prevHash };
    const record = { ...unhashed, hash: auditRecordHash(unhashed) };
    prevHash = record.hash;
    return record;
  });
}

/** The tracker's index rows of a batch: each record's distinct subjects. */
export function subjectRows(records: readonly AuditRecord[]): { subject: string; seq: number }[] {
  return records.flatMap((r) =>
    [...new Set(r.subjects)].map((subject) => ({ subject, seq: r.seq })),
  );
}
