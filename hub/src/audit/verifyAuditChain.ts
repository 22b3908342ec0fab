import { GENESIS_HASH } from '../store/migrations.js';
import type { HubStore } from '../store/openHubStore.js';
import { auditRecordHash } from './auditHash.js';
import { fromAuditRow } from './auditRows.js';

/** The verdict on the whole chain: every record checked, or the first broken one and why. */
export type AuditChainVerdict =
  | { ok: true; records: number }
  | { ok: false; seq: number; reason: string };

export interface VerifyOptions {
  /** Records read per query; the log is streamed, never held whole. @default 1000 */
  pageSize?: number;
}

/**
 * Checks the audit chain from the first record to the head: each record's hash against its
 * content, seq continuity from 1, each prevHash against the record before, and the head row
 * against the last record. Finds an edited field, a record deleted in the middle or at the
 * end, records swapped, and a record inserted without rewriting everything after it. Reads in
 * a single snapshot (repeatable read on PostgreSQL, one transaction on SQLite), so appends
 * running meanwhile do not look like tampering.
 */
export async function verifyAuditChain(
  store: HubStore,
  options: VerifyOptions = {},
): Promise<AuditChainVerdict> {
  const pageSize = options.pageSize ?? 1000;
  const tx = store.db.transaction();
  return (store.engine === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(
    async (trx) => {
      const head = await trx
        .selectFrom('audit_head')
        .select(['seq', 'hash'])
        .where('id', '=', 1)
        .executeTakeFirst();
      if (!head)
        return { ok: false, seq: 0, reason: 'the chain head row (audit_head id 1) is missing' };
      const headSeq = Number(head.seq);
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      for (;;) {
        const rows = await trx
          .selectFrom('audit_records')
          .selectAll()
          .where('seq', '>=', expectedSeq)
          .orderBy('seq')
          .limit(pageSize)
          .execute();
        // A record numbered below the expected one would be out of order; seq is the key, so only
        // a gap (deleted) or a record past the head (inserted) can occur.
        for (const row of rows) {
          const seq = Number(row.seq);
          if (seq !== expectedSeq) {
            return seq > headSeq && expectedSeq > headSeq
              ? {
                  ok: false,
                  seq,
                  reason: `record ${seq} lies past the chain head (${headSeq}): it was inserted outside the audit log`,
                }
              : {
                  ok: false,
                  seq: expectedSeq,
                  reason: `record ${expectedSeq} is missing: the record after ${expectedSeq - 1} is ${seq}`,
                };
          }
          if (seq > headSeq) {
            return {
              ok: false,
              seq,
              reason: `record ${seq} lies past the chain head (${headSeq}): it was inserted outside the audit log`,
            };
          }
          let computed: string;
          try {
            computed = auditRecordHash(fromAuditRow(row));
          } catch (error) {
            return {
              ok: false,
              seq,
              reason: `its stored values cannot be read (${(error as Error).message}): it was edited`,
            };
          }
          if (computed !== row.hash) {
            return {
              ok: false,
              seq,
              reason:
                'its content does not match its hash: a field was edited, or the record was moved',
            };
          }
          if (row.prev_hash !== prevHash) {
            return {
              ok: false,
              seq,
              reason: `its prevHash does not match the hash of record ${seq - 1}: records were reordered or replaced`,
            };
          }
          prevHash = row.hash;
          expectedSeq++;
        }
        if (rows.length < pageSize) break;
      }
      const last = expectedSeq - 1;
      if (headSeq > last) {
        return {
          ok: false,
          seq: last + 1,
          reason: `record ${last + 1} is missing: the chain head names ${headSeq} as the last record`,
        };
      }
      if (head.hash !== prevHash) {
        return {
          ok: false,
          seq: last,
          reason: `the chain head's hash does not match record ${last}: the head or the record was rewritten`,
        };
      }
      return { ok: true, records: last };
    },
  );
}
