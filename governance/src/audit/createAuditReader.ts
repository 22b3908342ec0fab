import { sql } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditRecordRow } from '../store/schema.js';
import type { AuditReader, AuditRecord } from '../types.js';
import { fromAuditRow } from './auditRows.js';

/**
 * Reads the audit log by data subject, for the data tracker. One statement serves every
 * subject asked for (the tracker batches with DataLoader): per subject, a backward range scan
 * of the (subject, seq) key stopping after `limit` rows, all joined in one UNION ALL. Unlike a
 * window over each subject's records, its cost does not grow with how often a subject was read.
 */
export function createAuditReader(store: HubStore): AuditReader {
  return {
    async recordsForSubjects(subjects, limit, { before } = {}) {
      const result = new Map<string, AuditRecord[]>(subjects.map((s) => [s, []]));
      const unique = [...new Set(subjects)];
      if (unique.length === 0 || limit < 1) return result;
      const newest = unique.map(
        (subject, i) =>
          sql`select * from (select subject, seq from audit_subjects where subject = ${subject}${olderThan(before)} order by seq desc limit ${limit}) ${sql.raw(`s${i}`)}`,
      );
      const rows = await sql<AuditRecordRow & { subject: string }>`
        select s.subject, r.*
        from (${sql.join(newest, sql` union all `)}) s
        join audit_records r on r.seq = s.seq
        order by s.subject, s.seq desc`.execute(store.db);
      for (const { subject, ...row } of rows.rows) {
        result.get(subject)?.push(fromAuditRow(row));
      }
      return result;
    },
    async countsForSubjects(subjects) {
      const counts = new Map<string, number>(subjects.map((s) => [s, 0]));
      const unique = [...new Set(subjects)];
      if (unique.length === 0) return counts;
      const rows = await store.db
        .selectFrom('audit_subjects')
        .select(['subject', (eb) => eb.fn.countAll<number | string | bigint>().as('records')])
        .where('subject', 'in', unique)
        .groupBy('subject')
        .execute();
      // PostgreSQL's count(*) is a bigint, which its driver hands over as a string.
      for (const row of rows) counts.set(row.subject, Number(row.records));
      return counts;
    },
  };
}

function olderThan(before: number | undefined) {
  return before === undefined ? sql`` : sql` and seq < ${before}`;
}
