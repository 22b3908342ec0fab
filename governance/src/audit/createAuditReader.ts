import { sql } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditRecordRow } from '../store/schema.js';
import type { AuditReader, AuditRecord } from '../types.js';
import { fromAuditRow, subjectsOf } from './auditRows.js';

/**
 * Reads the audit log by data subject, for the data tracker. The subject index covers the
 * records up to `audit_head.indexed_seq`; the records after it (the SQLite file and PostgreSQL
 * writers index in bulk, docs/architecture.md#the-subject-index) are read from the chain and
 * matched by their subjects here. One statement reads both, so both halves see the same mark.
 *
 * One statement serves every subject asked for (the tracker batches with DataLoader): per
 * subject, a backward range scan of the (subject, seq) key stopping after `limit` rows, all
 * joined in one UNION ALL. Unlike a window over each subject's records, its cost does not grow
 * with how often a subject was read.
 */
export function createAuditReader(store: HubStore): AuditReader {
  return {
    async recordsForSubjects(subjects, limit, { before } = {}) {
      const result = new Map<string, AuditRecord[]>(subjects.map((s) => [s, []]));
      const unique = [...new Set(subjects)];
      if (unique.length === 0 || limit < 1) return result;
      const newest = unique.map(
        (subject, i) =>
          sql`select * from (select subject, seq from audit_subjects where subject = ${subject} and seq <= ${INDEXED}${olderThan(before)} order by seq desc limit ${limit}) ${sql.raw(`s${i}`)}`,
      );
      // Rows with a subject come from the index; rows without one are the records past it.
      const rows = await sql<AuditRecordRow & { subject: string | null }>`
        select s.subject, r.*
        from (${sql.join(newest, sql` union all `)}) s
        join audit_records r on r.seq = s.seq
        union all
        select null as subject, r.*
        from audit_records r
        where r.seq > ${INDEXED}${olderThan(before)}
        order by seq desc`.execute(store.db);
      const asked = quotedSubjects(unique);
      for (const { subject, ...row } of rows.rows) {
        // A record past the mark is read whole only when it names a subject still short.
        const named = subject === null ? askedNamedBy(row.subjects, asked) : [subject];
        const wanting: AuditRecord[][] = [];
        for (const s of named) {
          const found = result.get(s);
          if (found && found.length < limit) wanting.push(found);
        }
        if (wanting.length === 0) continue;
        const record = fromAuditRow(row);
        for (const found of wanting) found.push(record);
      }
      return result;
    },
    async countsForSubjects(subjects) {
      const counts = new Map<string, number>(subjects.map((s) => [s, 0]));
      const unique = [...new Set(subjects)];
      if (unique.length === 0) return counts;
      const asked = quotedSubjects(unique);
      const rows = await sql<{
        subject: string | null;
        records: number | string | bigint;
        subjects: string | null;
      }>`
        select subject, count(*) as records, null as subjects
        from audit_subjects
        where subject in (${sql.join(unique)}) and seq <= ${INDEXED}
        group by subject
        union all
        select null, 0, subjects from audit_records where seq > ${INDEXED}`.execute(store.db);
      for (const row of rows.rows) {
        // An index row's count, or a record past the mark counting once for each subject asked
        // for that it names. PostgreSQL's count(*) is a bigint, handed over as a string.
        const named =
          row.subject !== null ? [row.subject] : askedNamedBy(row.subjects ?? '', asked);
        const add = row.subject !== null ? Number(row.records) : 1;
        for (const subject of named) {
          const count = counts.get(subject);
          if (count !== undefined) counts.set(subject, count + add);
        }
      }
      return counts;
    },
  };
}

/** The last record the subject index covers, read in the statement that uses it. */
const INDEXED = sql`(select indexed_seq from audit_head where id = 1)`;

function olderThan(before: number | undefined) {
  return before === undefined ? sql`` : sql` and seq < ${before}`;
}

/** Each subject asked for, as JSON.stringify writes it into a record's subjects text. */
function quotedSubjects(subjects: readonly string[]): readonly string[] {
  return subjects.map((subject) => JSON.stringify(subject));
}

/**
 * The subjects a record past the mark names, or none when it names none of those asked for
 * (`quoted`), told without parsing where that is certain. A record's subjects text without a
 * backslash escapes nothing, so every subject it names appears in it exactly as JSON.stringify
 * writes it: text that holds none of the asked ones' quoted forms names none of them (the
 * tracker reads up to a sweep's worth of such records per request). Any other text is parsed.
 */
function askedNamedBy(text: string, quoted: readonly string[]): Iterable<string> {
  if (!text.includes('\\') && !quoted.some((q) => text.includes(q))) return [];
  return new Set(subjectsOf(text));
}
