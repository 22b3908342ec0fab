import { hash } from 'node:crypto';
import type { AuditRecord } from '../types.js';

/**
 * The canonical text of a record that its hash covers: JSON with a fixed key order, the time
 * as ISO 8601 UTC, and the chain fields (`seq`, `prevHash`) included, so moving, editing or
 * re-linking a record changes its hash. Changing this changes every hash: a new format would
 * need a version field, not an edit. Fields added later (`correlationId`, `phase`) go in one
 * trailing object, by name, present only when one of them is set: records written before them
 * keep their hashes, and no added field can pass for another.
 */
function canonicalAuditText(record: Omit<AuditRecord, 'hash'>): string {
  const added = addedFields(record);
  return JSON.stringify([
    record.seq,
    record.prevHash,
    record.at.toISOString(),
    record.requestId,
    record.callerKind,
    record.agencyId,
    record.operatorId,
    record.purpose,
    record.caseId,
    record.operationHash,
    record.operationName,
    record.coordinates,
    record.denied.map((d) => [d.coordinate, d.reason]),
    record.subjects,
    record.outcome,
    record.cached,
    ...(added ? [added] : []),
  ]);
}

/** The fields added after the first format that are set, in a fixed order; none: undefined. */
function addedFields(record: Omit<AuditRecord, 'hash'>): Record<string, string> | undefined {
  const added: Record<string, string> = {};
  if (record.correlationId !== undefined) added.correlationId = record.correlationId;
  if (record.phase !== undefined) added.phase = record.phase;
  return Object.keys(added).length > 0 ? added : undefined;
}

/** sha256 hex of the canonical text. */
export function auditRecordHash(record: Omit<AuditRecord, 'hash'>): string {
  return hash('sha256', canonicalAuditText(record), 'hex');
}
