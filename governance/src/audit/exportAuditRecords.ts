import { setTimeout as sleep } from 'node:timers/promises';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditRecord } from '../types.js';
import { fromAuditRow } from './auditRows.js';

/**
 * A record as one JSON object for a SIEM: every stored field, always present (null when the
 * record has none), in a fixed order. Records hold no values read, so neither does this.
 */
export function auditRecordJson(r: AuditRecord): Record<string, unknown> {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    requestId: r.requestId,
    correlationId: r.correlationId ?? null,
    callerKind: r.callerKind,
    agencyId: r.agencyId,
    operatorId: r.operatorId,
    purpose: r.purpose,
    caseId: r.caseId,
    operationHash: r.operationHash,
    operationName: r.operationName,
    coordinates: r.coordinates,
    denied: r.denied.map((d) => ({ coordinate: d.coordinate, reason: d.reason })),
    subjects: r.subjects,
    outcome: r.outcome,
    phase: r.phase ?? null,
    cached: r.cached,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** Up to `limit` records from seq `from` on, oldest first. */
export async function auditRecordsFrom(
  store: HubStore,
  from: number,
  limit: number,
): Promise<AuditRecord[]> {
  const rows = await store.db
    .selectFrom('audit_records')
    .selectAll()
    .where('seq', '>=', from)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(fromAuditRow);
}

export interface FollowOptions {
  /** The first seq to emit. */
  from: number;
  /** Pause between polls once caught up, in milliseconds. */
  intervalMs: number;
  /** Stops the loop (Ctrl-C); the records read so far are all emitted. */
  signal: AbortSignal;
  /** Records read per query while catching up. @default 1000 */
  pageSize?: number;
}

/**
 * Emits every record from `from` on, in seq order, then polls for new ones until `signal`
 * aborts. Appends take the chain head's lock, so records become visible in seq order and
 * reading by `seq >= next` neither skips nor repeats one. Returns the next seq it would emit,
 * for resuming with `--from`.
 */
export async function followAuditRecords(
  store: HubStore,
  options: FollowOptions,
  emit: (record: AuditRecord) => void,
): Promise<number> {
  const pageSize = options.pageSize ?? 1000;
  let next = options.from;
  while (!options.signal.aborted) {
    const records = await auditRecordsFrom(store, next, pageSize);
    for (const record of records) {
      emit(record);
      next = record.seq + 1;
    }
    if (records.length === pageSize) continue;
    try {
      await sleep(options.intervalMs, undefined, { signal: options.signal });
    } catch {
      break;
    }
  }
  return next;
}
