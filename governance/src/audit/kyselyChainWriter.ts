import { sql, type Transaction } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { HubDB } from '../store/schema.js';
import type { AuditEntry } from '../types.js';
import type { AuditChainWriter } from './auditChainWriter.js';
import { toAuditRow } from './auditRows.js';
import { chainRecords, subjectRows } from './chainRecords.js';

// Rows per INSERT: well under SQLite's bound-parameter limit (19 and 2 columns).
const RECORDS_PER_INSERT = 500;
const SUBJECTS_PER_INSERT = 5000;

/**
 * Writes the chain through the store's own Kysely connection: used for an in-memory SQLite
 * store, which a thread cannot open (PostgreSQL has its own writer, postgresChainWriter.ts).
 */
export function createKyselyChainWriter(store: HubStore): AuditChainWriter {
  const writeBatch = async (trx: Transaction<HubDB>, entries: readonly AuditEntry[]) => {
    // A write first: it takes the database's write lock up front, so the transaction never has
    // to upgrade a read lock (which fails, not waits, under WAL).
    const head = await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
    if (!head) throw new Error('the audit chain head row is missing (audit_head id 1)');
    const records = chainRecords({ seq: Number(head.seq), hash: head.hash }, entries);
    for (let i = 0; i < records.length; i += RECORDS_PER_INSERT) {
      await trx
        .insertInto('audit_records')
        .values(records.slice(i, i + RECORDS_PER_INSERT).map(toAuditRow))
        .execute();
    }
    const subjects = subjectRows(records);
    for (let i = 0; i < subjects.length; i += SUBJECTS_PER_INSERT) {
      await trx
        .insertInto('audit_subjects')
        .values(subjects.slice(i, i + SUBJECTS_PER_INSERT))
        .execute();
    }
    const last = records.at(-1);
    if (last) {
      await trx
        .updateTable('audit_head')
        .set((eb) => ({
          seq: last.seq,
          hash: last.hash,
          // The index follows the head unless it trailed already (records a SQLite file writer
          // has not indexed yet): then that writer's bulk index still covers them.
          indexed_seq: eb
            .case()
            .when('indexed_seq', '=', head.seq)
            .then(last.seq)
            .else(eb.ref('indexed_seq'))
            .end(),
        }))
        .where('id', '=', 1)
        .execute();
    }
  };

  return {
    // One transaction for the batch, with SQLite's busy timeout 0 inside it: better-sqlite3
    // is synchronous, and its busy handler would freeze the whole process while another
    // connection holds the write lock; instead the write fails at once with SQLITE_BUSY.
    // Each batch indexes its own records: nothing trails.
    write: async (entries) => {
      await store.db.transaction().execute(async (trx) => {
        const waited = await busyTimeout(trx, 0);
        try {
          await writeBatch(trx, entries);
        } finally {
          await busyTimeout(trx, waited);
        }
      });
      return { indexTrailing: 0 };
    },
    indexSubjects: async () => {},
    close: async () => {},
  };
}

/** Sets SQLite's busy timeout on the transaction's connection; returns the one it replaced. */
async function busyTimeout(trx: Transaction<HubDB>, ms: number): Promise<number> {
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(trx);
  await sql`pragma busy_timeout = ${sql.lit(ms)}`.execute(trx);
  return Number(rows[0]?.timeout ?? 0);
}
