import { sql } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditEntry } from '../types.js';
import type { AuditChainWriter } from './auditChainWriter.js';
import { AUDIT_ROW_COLUMNS, toAuditRow } from './auditRows.js';
import { chainRecords, subjectRows } from './chainRecords.js';

const columns = sql.join(AUDIT_ROW_COLUMNS.map((c) => sql.ref(c)));

/** Tries of one batch while other gateway instances keep moving the head first. */
const MAX_ATTEMPTS = 50;

/**
 * Writes the chain to PostgreSQL in one round trip per batch: it chains the batch from the head
 * it last saw, and one statement moves the head only if it is still there and, in the same
 * statement, inserts the records and their subject rows. When another gateway instance moved
 * the head first, nothing is written; it reads the head again and chains the batch anew.
 * Concurrent statements take turns on the head row's lock, so the chain stays one line.
 */
export function createPostgresChainWriter(store: HubStore): AuditChainWriter {
  let known: { seq: number; hash: string } | undefined;

  const readHead = async () => {
    const head = await store.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!head) throw new Error('the audit chain head row is missing (audit_head id 1)');
    return { seq: Number(head.seq), hash: head.hash };
  };

  const tryWrite = async (head: { seq: number; hash: string }, entries: readonly AuditEntry[]) => {
    const records = chainRecords(head, entries);
    const last = records.at(-1);
    if (!last) return true;
    // The inserts run only when the head moved (`exists (select 1 from moved)`), and a row lock
    // taken by a concurrent writer makes this one wait, then see the head it left.
    const { rows } = await sql<{ moved: number }>`
      with moved as (
        update audit_head set seq = ${last.seq}, hash = ${last.hash},
          indexed_seq = case when indexed_seq = ${head.seq} then ${last.seq} else indexed_seq end
        where id = 1 and seq = ${head.seq} and hash = ${head.hash}
        returning seq
      ), inserted as (
        insert into audit_records (${columns})
        select ${columns}
        from json_populate_recordset(null::audit_records, ${JSON.stringify(records.map(toAuditRow))})
        where exists (select 1 from moved)
      ), indexed as (
        insert into audit_subjects (subject, seq)
        select subject, seq
        from json_populate_recordset(null::audit_subjects, ${JSON.stringify(subjectRows(records))})
        where exists (select 1 from moved)
      )
      select count(*)::int as moved from moved`.execute(store.db);
    if (Number(rows[0]?.moved) !== 1) return false;
    known = { seq: last.seq, hash: last.hash };
    return true;
  };

  return {
    async write(entries) {
      try {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          known ??= await readHead();
          // Each batch's statement indexes its own records: nothing trails.
          if (await tryWrite(known, entries)) return { indexTrailing: 0 };
          known = undefined;
        }
      } catch (error) {
        // Whether it committed is unknown (a lost connection): read the head next time.
        known = undefined;
        throw error;
      }
      throw new Error(`the audit chain head moved under every one of ${MAX_ATTEMPTS} tries`);
    },
    // Each batch's statement indexes its own records.
    indexSubjects: async () => {},
    close: async () => {},
  };
}
