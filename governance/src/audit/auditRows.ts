import type { Insertable } from 'kysely';
import type { AuditRecordRow, AuditRecordTable } from '../store/schema.js';
import type { AuditOutcome, AuditPhase, AuditRecord, Caller } from '../types.js';

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

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
