import { type Kysely, sql } from 'kysely';

/** True when the table holds at least one row (one indexed probe, e.g. "is it seeded?"). */
export async function hasRows<DB>(db: Kysely<DB>, table: keyof DB & string): Promise<boolean> {
  const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
  return rows.length > 0;
}
