import { ensureError } from '@govgraph/schema';
import { sql, type Transaction } from 'kysely';
import { GENESIS_HASH } from '../store/migrations.js';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditRecordRow, HubDB } from '../store/schema.js';
import type { AuditRecord } from '../types.js';
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

type Broken = { ok: false; seq: number; reason: string };

/**
 * Checks the audit chain from the first record to the head: each record's hash against its
 * content, seq continuity from 1, each prevHash against the record before, the head row
 * against the last record, and the subject index (what the data tracker reads) against each
 * record's subjects, as far as `indexed_seq` says it reaches. Finds an edited field, a record deleted in the middle or at the end,
 * records swapped, a record inserted without rewriting everything after it, and accesses
 * hidden from (or planted in) the tracker. Reads in one snapshot (repeatable read on
 * PostgreSQL, one transaction on SQLite), so appends running meanwhile do not look like
 * tampering.
 */
export async function verifyAuditChain(
  store: HubStore,
  options: VerifyOptions = {},
): Promise<AuditChainVerdict> {
  const pageSize = options.pageSize ?? 1000;
  const tx = store.db.transaction();
  return (store.engine === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(
    async (trx): Promise<AuditChainVerdict> => {
      const head = await trx
        .selectFrom('audit_head')
        .select(['seq', 'hash', 'indexed_seq'])
        .where('id', '=', 1)
        .executeTakeFirst();
      if (!head)
        return { ok: false, seq: 0, reason: 'the chain head row (audit_head id 1) is missing' };
      const headSeq = Number(head.seq);
      const indexedSeq = Number(head.indexed_seq);
      if (indexedSeq > headSeq) {
        return {
          ok: false,
          seq: indexedSeq,
          reason: `the subject index claims to cover record ${indexedSeq}, past the chain head (${headSeq}): the head row was edited`,
        };
      }
      const pastHead = (seq: number): Broken => ({
        ok: false,
        seq,
        reason: `record ${seq} lies past the chain head (${headSeq}): it was inserted outside the audit log`,
      });
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      // The index rows each page's check read: the rows of its records' own subjects.
      const readPerPage: number[] = [];
      for (;;) {
        const rows = await trx
          .selectFrom('audit_records')
          .selectAll()
          .where('seq', '>=', expectedSeq)
          .orderBy('seq')
          .limit(pageSize)
          .execute();
        const records: AuditRecord[] = [];
        let broken: Broken | null = null;
        // seq is the key, so records cannot repeat or run backwards: only a gap (a deletion)
        // or a record past the head (an insertion) breaks the numbering.
        for (const row of rows) {
          const seq = Number(row.seq);
          if (seq !== expectedSeq) {
            broken =
              expectedSeq > headSeq
                ? pastHead(seq)
                : {
                    ok: false,
                    seq: expectedSeq,
                    reason: `record ${expectedSeq} is missing: the record after ${expectedSeq - 1} is ${seq}`,
                  };
            break;
          }
          if (seq > headSeq) {
            broken = pastHead(seq);
            break;
          }
          const checked = checkRecord(row, prevHash);
          if ('ok' in checked) {
            broken = checked;
            break;
          }
          records.push(checked);
          prevHash = row.hash;
          expectedSeq++;
        }
        // The records before a break are sound; one of their index rows may break earlier.
        const index = await checkSubjectIndex(trx, records, indexedSeq);
        if (index.broken || broken) return index.broken ?? (broken as Broken);
        readPerPage.push(index.rows);
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
      const unread = await findUnreadIndexRow(trx, readPerPage, { pageSize, last, indexedSeq });
      return unread ?? { ok: true, records: last };
    },
  );
}

/** The record, or why it is broken: its hash against its content, its link to the one before. */
function checkRecord(row: AuditRecordRow, prevHash: string): AuditRecord | Broken {
  const seq = Number(row.seq);
  let record: AuditRecord;
  let computed: string;
  try {
    record = fromAuditRow(row);
    computed = auditRecordHash(record);
  } catch (error) {
    return {
      ok: false,
      seq,
      reason: `its stored values cannot be read (${ensureError(error).message}): it was edited`,
    };
  }
  if (computed !== row.hash) {
    return {
      ok: false,
      seq,
      reason: 'its content does not match its hash: a field was edited, or the record was moved',
    };
  }
  if (row.prev_hash !== prevHash) {
    return {
      ok: false,
      seq,
      reason: `its prevHash does not match the hash of record ${seq - 1}: records were reordered or replaced`,
    };
  }
  return record;
}

/** Subjects per statement when the index is read by subject: well under both engines' limits. */
const SUBJECTS_PER_READ = 5000;

/**
 * Checks the index rows of a page's records. They are read by subject (the index's key, which
 * is all it has): the rows of the page's subjects whose seq lies in the page. Returns how many
 * rows that read, so the walk can tell afterwards whether the index holds any other row.
 */
async function checkSubjectIndex(
  trx: Transaction<HubDB>,
  records: readonly AuditRecord[],
  indexedSeq: number,
): Promise<{ broken: Broken | null; rows: number }> {
  const [first] = records;
  const last = records.at(-1);
  if (!first || !last) return { broken: null, rows: 0 };
  const subjects = [...new Set(records.flatMap((r) => r.subjects))];
  const rows: { seq: number | string | bigint; subject: string }[] = [];
  for (let i = 0; i < subjects.length; i += SUBJECTS_PER_READ) {
    rows.push(
      ...(await trx
        .selectFrom('audit_subjects')
        .select(['seq', 'subject'])
        .where('subject', 'in', subjects.slice(i, i + SUBJECTS_PER_READ))
        .where('seq', '>=', first.seq)
        .where('seq', '<=', last.seq)
        .execute()),
    );
  }
  return { broken: compareIndexRows(records, rows, indexedSeq), rows: rows.length };
}

/**
 * The first record of the page whose subject index rows differ from its subjects. Records the
 * index covers (up to `indexedSeq`) must have exactly their subjects' rows; the records after
 * it, which the tracker reads from the chain, may have none yet (or some, from a writer that
 * indexes at once) but never a row for another subject.
 */
function compareIndexRows(
  records: readonly AuditRecord[],
  rows: readonly { seq: number | string | bigint; subject: string }[],
  indexedSeq: number,
): Broken | null {
  const seqs = new Set(records.map((r) => r.seq));
  const indexed = new Map<number, Set<string>>();
  // A row between the page's records that is none of them (SQLite keeps 3.5 in an integer
  // column): it still counts for the tracker's totals, so it is a record that does not exist.
  let stray: number | undefined;
  for (const row of rows) {
    const seq = Number(row.seq);
    if (!seqs.has(seq) && (stray === undefined || seq < stray)) stray = seq;
    const set = indexed.get(seq) ?? new Set<string>();
    set.add(row.subject);
    indexed.set(seq, set);
  }
  for (const record of records) {
    if (stray !== undefined && stray < record.seq) return noSuchRecord(stray);
    const expected = new Set(record.subjects);
    const actual = indexed.get(record.seq) ?? new Set<string>();
    const planted = [...actual].some((s) => !expected.has(s));
    const hidden = record.seq <= indexedSeq && [...expected].some((s) => !actual.has(s));
    if (planted || hidden) {
      return {
        ok: false,
        seq: record.seq,
        reason:
          'its subject index rows do not match its subjects: the data tracker would show a different history',
      };
    }
  }
  return stray === undefined ? null : noSuchRecord(stray);
}

/**
 * After a sound walk: an index row that no page's check read names a subject its record does
 * not, or a record that does not exist. The index holds one exactly when it has more rows than
 * the checks read (they read only rows that exist, so a row deleted elsewhere cannot make up for
 * one). Only then is it looked for: one pass over the index counts its rows by page, and the
 * first page with more rows than its check read is read whole. That pass scans the index, which
 * has no key on seq (docs/architecture.md#the-subject-index), so only a tampered index pays it.
 */
async function findUnreadIndexRow(
  trx: Transaction<HubDB>,
  readPerPage: readonly number[],
  walk: { pageSize: number; last: number; indexedSeq: number },
): Promise<Broken | null> {
  const total = await trx
    .selectFrom('audit_subjects')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('rows'))
    .executeTakeFirst();
  const read = readPerPage.reduce((sum, rows) => sum + rows, 0);
  if (Number(total?.rows ?? 0) === read) return null;
  const { pageSize, last, indexedSeq } = walk;
  // -1: rows before the first record; -2: rows past the last; else the page of the walk.
  const groups = await trx
    .selectFrom('audit_subjects')
    .select([
      sql<number | string>`case when seq < 1 then -1 when seq > ${last} then -2
        else cast((seq - 1) / ${pageSize} as integer) end`.as('page'),
      (eb) => eb.fn.countAll<number | string | bigint>().as('rows'),
      (eb) => eb.fn.min('seq').as('first'),
    ])
    .groupBy(sql`1`)
    .execute();
  const byPage = new Map(groups.map((g) => [Number(g.page), g]));
  const before = byPage.get(-1);
  if (before) return noSuchRecord(Number(before.first));
  const pages = [...byPage.keys()].filter((page) => page >= 0).sort((a, b) => a - b);
  for (const page of pages) {
    if (Number(byPage.get(page)?.rows) === readPerPage[page]) continue;
    const from = page * pageSize + 1;
    const to = Math.min(from + pageSize - 1, last);
    const records = await trx
      .selectFrom('audit_records')
      .selectAll()
      .where('seq', '>=', from)
      .where('seq', '<=', to)
      .orderBy('seq')
      .execute();
    const rows = await trx
      .selectFrom('audit_subjects')
      .select(['seq', 'subject'])
      .where('seq', '>=', from)
      .where('seq', '<=', to)
      .execute();
    // Every row the check did not read names a subject its record does not.
    const broken = compareIndexRows(records.map(fromAuditRow), rows, indexedSeq);
    if (broken) return broken;
  }
  const after = byPage.get(-2);
  return after ? noSuchRecord(Number(after.first)) : null;
}

function noSuchRecord(seq: number): Broken {
  return { ok: false, seq, reason: `the subject index names record ${seq}, which does not exist` };
}
