import { sql } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditRecordRow } from '../store/schema.js';
import type { AuditReader, AuditRecord } from '../types.js';
import { fromAuditRow } from './auditRows.js';

/**
 * Reads the audit log by data subject, for the data tracker. One statement serves every
 * subject asked for (the tracker batches with DataLoader): a window over the subject index
 * picks each subject's newest `limit` records, read along the index's (subject, seq) order.
 */
export function createAuditReader(store: HubStore): AuditReader {
  return {
    async recordsForSubjects(subjects, limit) {
      const result = new Map<string, AuditRecord[]>(subjects.map((s) => [s, []]));
      const unique = [...new Set(subjects)];
      if (unique.length === 0 || limit < 1) return result;
      const rows = await sql<AuditRecordRow & { subject: string }>`
        select s.subject, r.*
        from (
          select subject, seq, row_number() over (partition by subject order by seq desc) as rn
          from audit_subjects
          where subject in (${sql.join(unique)})
        ) s
        join audit_records r on r.seq = s.seq
        where s.rn <= ${limit}
        order by s.subject, s.seq desc`.execute(store.db);
      for (const { subject, ...row } of rows.rows) {
        result.get(subject)?.push(fromAuditRow(row));
      }
      return result;
    },
  };
}
