import type { Engine } from '@govgraph/department/db';
import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The registry's tables. Dates are ISO strings (text) and money canonical decimal strings on
 * both engines, so comparisons and the GraphQL scalars agree. Names sort by code point on both
 * engines: SQLite's default BINARY collation does; a PostgreSQL database's collation may not
 * (en_US orders Chinese and mixed-case names differently), so there the name column is "C".
 */
export function initialMigration(engine: Engine): Migration {
  const sortedText = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('legal_entity')
        .addColumn('credit_code', 'char(18)', (c) => c.primaryKey())
        .addColumn('name', sortedText, (c) => c.notNull())
        .addColumn('name_folded', 'text', (c) => c.notNull())
        .addColumn('kind', 'varchar(24)', (c) => c.notNull())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('established', 'char(10)', (c) => c.notNull())
        .addColumn('registered_capital', 'varchar(20)', (c) => c.notNull())
        .addColumn('business_scope', 'text', (c) => c.notNull())
        .addColumn('division_code', 'char(6)', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('building_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('representative_id', 'char(18)')
        .execute();
      // Person.representedEntities: one partitioned query by representative, in page order.
      await db.schema
        .createIndex('legal_entity_representative')
        .on('legal_entity')
        .columns(['representative_id', 'name', 'credit_code'])
        .execute();
      // searchLegalEntities: an infix LIKE cannot seek a btree, but this index is walked in
      // result order and carries the folded name, so matches are found without a table read
      // and only the rows of the page are fetched.
      await db.schema
        .createIndex('legal_entity_name')
        .on('legal_entity')
        .columns(['name', 'credit_code', 'name_folded'])
        .execute();
      await db.schema
        .createIndex('legal_entity_building')
        .on('legal_entity')
        .column('building_id')
        .execute();

      await childTable(db, 'inspection', 'inspected_on')
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('result', 'varchar(12)', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .execute();
      await childTable(db, 'administrative_penalty', 'decided_on')
        .addColumn('decision_number', 'varchar(64)', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('violation', 'text', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('amount', 'varchar(20)')
        .execute();
      await childTable(db, 'abnormal_listing', 'listed_on')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('removed_on', 'char(10)')
        .addColumn('removal_reason', 'text')
        .execute();
      // Each child list is read per company, newest first: the index matches that order.
      for (const [table, date] of CHILD_LISTS) {
        await db.schema
          .createIndex(`${table}_company`)
          .on(table)
          .columns(['credit_code', date, 'id'])
          .execute();
      }
      await db.schema
        .createTable('dishonesty_listing')
        .addColumn('credit_code', 'char(18)', (c) =>
          c.primaryKey().references('legal_entity.credit_code'),
        )
        .addColumn('listed_on', 'char(10)', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('dishonesty_listing').execute();
      for (const [table] of CHILD_LISTS) await db.schema.dropTable(table).execute();
      await db.schema.dropTable('legal_entity').execute();
    },
  };
}

const CHILD_LISTS = [
  ['inspection', 'inspected_on'],
  ['administrative_penalty', 'decided_on'],
  ['abnormal_listing', 'listed_on'],
] as const;

/** A dated record that belongs to one company, with the columns every such list shares. */
function childTable(db: Kysely<unknown>, table: string, dateColumn: string) {
  return db.schema
    .createTable(table)
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('credit_code', 'char(18)', (c) => c.notNull().references('legal_entity.credit_code'))
    .addColumn(dateColumn, 'char(10)', (c) => c.notNull());
}
