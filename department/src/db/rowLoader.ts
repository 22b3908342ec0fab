import DataLoader from 'dataloader';
import { type Kysely, sql } from 'kysely';
import { runShaped } from './shapedQuery.js';

export interface RowSpec {
  /** Table holding the rows. */
  table: string;
  /** Column whose value is the DataLoader key; unique in the table. */
  keyColumn: string;
}

/**
 * A per-request DataLoader for the one row behind each key (a person by national ID, a company
 * by credit code), or null where there is none: one `in (...)` statement per batch.
 */
export function createRowLoader<DB, Row>(
  db: Kysely<DB>,
  spec: RowSpec,
): DataLoader<string, Row | null> {
  return new DataLoader(async (keys) => {
    const rows = await runShaped(
      db,
      `row|${spec.table}|${spec.keyColumn}|${keys.length}`,
      () => sql<Record<string, unknown>>`
        select * from ${sql.table(spec.table)}
        where ${sql.ref(spec.keyColumn)} in (${sql.join(keys)})`,
      keys,
    );
    // Keys are strings; an integer key column comes back as a number on both engines.
    const byKey = new Map(rows.map((row) => [String(row[spec.keyColumn]), row as Row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
