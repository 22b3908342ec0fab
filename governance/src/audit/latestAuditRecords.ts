import type { HubStore } from '../store/openHubStore.js';
import type { AuditRecord } from '../types.js';
import { fromAuditRow } from './auditRows.js';

/** The newest `limit` records of the whole log, newest first (`audit tail`). */
export async function latestAuditRecords(store: HubStore, limit: number): Promise<AuditRecord[]> {
  const rows = await store.db
    .selectFrom('audit_records')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map(fromAuditRow);
}
