import type { Insertable, Kysely } from 'kysely';

/**
 * Inserts many rows with multi-row INSERT statements inside one transaction per call.
 * The batch size keeps each statement under both engines' bound-parameter limits
 * (SQLite 32,766; PostgreSQL 65,535).
 */
export async function insertInBatches<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const batch = Math.max(1, Math.floor(30_000 / columns));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += batch) {
      // Kysely's insert typing cannot see through the generic table name; the rows are typed above.
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + batch) as never)
        .execute();
    }
  });
}
