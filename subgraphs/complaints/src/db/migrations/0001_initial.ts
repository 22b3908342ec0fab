import type { Engine } from '@govgraph/department/db';
import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The hotline's tables. Timestamps are RFC 3339 text in one offset (+08:00) on both engines, so
 * "newest first" is a text order and the DateTime scalar gets back exactly what was stored.
 * Text sorts by code point on both engines: SQLite's BINARY collation does; on PostgreSQL the
 * sorted columns are "C", since a database collation such as en_US skips the dashes.
 */
export function initialMigration(engine: Engine): Migration {
  const sortedText = (length: number) =>
    engine === 'postgres' ? sql`varchar(${sql.raw(String(length))}) collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('complaint')
        .addColumn('id', sortedText(24), (c) => c.primaryKey())
        .addColumn('filed_at', sortedText(32), (c) => c.notNull())
        .addColumn('complainant_id', 'char(18)', (c) => c.notNull())
        .addColumn('against_code', 'char(18)', (c) => c.notNull())
        .addColumn('category', 'varchar(16)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('handling_department', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('resolved_at', 'varchar(32)')
        .execute();
      // Both lists are read per parent, newest first: each index matches its page order, and
      // the entity's second one carries the status, so a filtered page is read from it too.
      await db.schema
        .createIndex('complaint_complainant')
        .on('complaint')
        .columns(['complainant_id', 'filed_at', 'id'])
        .execute();
      await db.schema
        .createIndex('complaint_against')
        .on('complaint')
        .columns(['against_code', 'filed_at', 'id'])
        .execute();
      await db.schema
        .createIndex('complaint_against_status')
        .on('complaint')
        .columns(['against_code', 'status', 'filed_at', 'id'])
        .execute();
      await db.schema
        .createTable('ticket_counter')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('last_serial', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('ticket_counter').execute();
      await db.schema.dropTable('complaint').execute();
    },
  };
}
