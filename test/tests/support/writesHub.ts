import { join } from 'node:path';
import { openDatabase } from '@govgraph/department/db';
import { type AuditRecord, issueApiKey, latestAuditRecords } from '@govgraph/governance';
import { type AccessHub, startAccessHub } from './accessHub.js';
import { type CallerHeaders, callerHeaders } from './testHub.js';

// The four mutations of the graph, as the writes tests send them (inputs as variables).
export const SUBMIT = `mutation Submit($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { id status }
}`;
export const FILE_COMPLAINT = `mutation File($input: FileComplaintInput!) {
  fileComplaint(input: $input) { id status }
}`;
export const REVIEW = `mutation Review($input: RecordReviewInput!) {
  recordReview(input: $input) { id status }
}`;
export const RESOLVE = `mutation Resolve($input: ResolveComplaintInput!) {
  resolveComplaint(input: $input) { id status }
}`;

/** Any department table, read as plain rows. */
type AnyTables = Record<string, Record<string, unknown>>;

export interface WritesHub extends AccessHub {
  /**
   * Headers of an agency of the checked-in registry file (`governance/registry.json`, the demo's
   * agencies, departments and grants) with a fresh API key of its own, plus `extra`.
   */
  registered(agencyId: string, extra?: Omit<CallerHeaders, 'apiKey'>): Promise<CallerHeaders>;
  /** Every row of a department's table, in a fixed order: compare before and after a refused write. */
  rows(department: string, table: string): Promise<Record<string, unknown>[]>;
  /** The audit records appended after `seq`, oldest first. */
  auditAfter(seq: number): Promise<AuditRecord[]>;
  /** The newest record's seq (0 for an empty log): take it before the request under test. */
  auditHead(): Promise<number>;
  /** Runs `run` while the hub store's audit table is gone (a broken hub store), then restores it. */
  withAuditBroken<T>(run: () => Promise<T>): Promise<T>;
  /** Posts any body (a batch, a malformed one) with the caller's headers. */
  postBody(caller: CallerHeaders, body: unknown): Promise<{ status: number; body: unknown }>;
  /** Sends an operation as GET, with the caller's headers. */
  getOperation(caller: CallerHeaders, query: string): Promise<{ status: number; body: unknown }>;
}

/**
 * The whole hub with the registry file's agencies acting as the demo does: the service desk
 * submits and files for citizens, review agencies (fire-service, housing-construction-bureau,
 * market-regulator) record their department's decisions, and every write's traces (department
 * rows, audit records) can be inspected.
 */
export async function startWritesHub(): Promise<WritesHub> {
  const access = await startAccessHub([]);
  const { store, registry } = access.hub.services;
  const keys = new Map<string, string>();
  const departmentFile = (department: string) => join(access.dataDir, `${department}.sqlite`);
  const request = async (init: RequestInit & { url?: string }) => {
    const res = await fetch(init.url ?? access.hub.graphqlUrl, init);
    return { status: res.status, body: (await res.json()) as unknown };
  };
  return {
    ...access,
    async registered(agencyId, extra = {}) {
      let key = keys.get(agencyId);
      if (!key) {
        key = (await issueApiKey(store, agencyId)).key;
        keys.set(agencyId, key);
        await registry.refresh();
      }
      return { apiKey: key, ...extra };
    },
    async rows(department, table) {
      const database = openDatabase<AnyTables>({ sqliteFile: departmentFile(department) });
      try {
        const rows = await database.db.selectFrom(table).selectAll().execute();
        return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      } finally {
        await database.close();
      }
    },
    async auditAfter(seq) {
      return (await latestAuditRecords(store, 100)).filter((r) => r.seq > seq).reverse();
    },
    async auditHead() {
      return (await latestAuditRecords(store, 1))[0]?.seq ?? 0;
    },
    async withAuditBroken(run) {
      await store.db.schema.alterTable('audit_records').renameTo('audit_records_away').execute();
      try {
        return await run();
      } finally {
        await store.db.schema.alterTable('audit_records_away').renameTo('audit_records').execute();
      }
    },
    postBody: (caller, body) =>
      request({
        method: 'POST',
        headers: { 'content-type': 'application/json', ...callerHeaders(caller) },
        body: JSON.stringify(body),
      }),
    getOperation: (caller, query) =>
      request({
        url: `${access.hub.graphqlUrl}?query=${encodeURIComponent(query)}`,
        headers: { 'apollo-require-preflight': 'true', ...callerHeaders(caller) },
      }),
  };
}
