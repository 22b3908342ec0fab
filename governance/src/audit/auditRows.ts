import type { Insertable } from 'kysely';
import type { AuditRecordRow, AuditRecordTable } from '../store/schema.js';
import type { AuditOutcome, AuditPhase, AuditRecord, Caller } from '../types.js';

/** Every column of `audit_records`, for the writers that name them in SQL. */
export const AUDIT_ROW_COLUMNS = [
  'seq',
  'at',
  'request_id',
  'correlation_id',
  'caller_kind',
  'agency_id',
  'operator_id',
  'purpose',
  'case_id',
  'operation_hash',
  'operation_name',
  'coordinates',
  'denied',
  'subjects',
  'outcome',
  'cached',
  'prev_hash',
  'hash',
  'phase',
] as const satisfies readonly (keyof AuditRecordTable)[];

// A column added to the table and not to the list above fails the typecheck here, instead of
// being left out of every insert.
type Unlisted = Exclude<keyof AuditRecordTable, (typeof AUDIT_ROW_COLUMNS)[number]>;
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyColumnListed;

/** A record as stored: arrays as JSON text, booleans as 0/1, the time as ISO text. */
export function toAuditRow(record: AuditRecord): Insertable<AuditRecordTable> {
  return {
    seq: record.seq,
    at: record.at.toISOString(),
    request_id: record.requestId,
    correlation_id: record.correlationId ?? null,
    caller_kind: record.callerKind,
    agency_id: record.agencyId,
    operator_id: record.operatorId,
    purpose: record.purpose,
    case_id: record.caseId,
    operation_hash: record.operationHash,
    operation_name: record.operationName,
    coordinates: JSON.stringify(record.coordinates),
    denied: JSON.stringify(
      record.denied.map((d) => ({ coordinate: d.coordinate, reason: d.reason })),
    ),
    subjects: JSON.stringify(record.subjects),
    outcome: record.outcome,
    cached: record.cached ? 1 : 0,
    prev_hash: record.prevHash,
    hash: record.hash,
    phase: record.phase ?? null,
  };
}

/**
 * A stored row back as a record. Values are taken as stored (no validation), so that an
 * edited row still hashes to something and verify names it, instead of failing to read it.
 */
export function fromAuditRow(row: AuditRecordRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: new Date(row.at),
    requestId: row.request_id,
    ...(row.correlation_id !== null ? { correlationId: row.correlation_id } : {}),
    callerKind: row.caller_kind as Caller['kind'],
    agencyId: row.agency_id,
    operatorId: row.operator_id,
    purpose: row.purpose,
    caseId: row.case_id,
    operationHash: row.operation_hash,
    operationName: row.operation_name,
    coordinates: parseJson(row.coordinates, []),
    denied: parseJson(row.denied, []),
    subjects: parseJson(row.subjects, []),
    outcome: row.outcome as AuditOutcome,
    cached: Number(row.cached) !== 0,
    prevHash: row.prev_hash,
    hash: row.hash,
    ...(row.phase !== null && { phase: row.phase as AuditPhase }),
  };
}

/** The parsed text, or `fallback` when it is not JSON (an edited row). */
export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The subjects a stored record names; none when its text is not a JSON array (an edited row). */
export function subjectsOf(text: string): string[] {
  const value = parseJson<unknown>(text, []);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}
