import type { Kysely } from 'kysely';

// Dates are ISO strings (text) on both engines, so comparisons and the GraphQL Date scalar agree.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('household')
    .addColumn('number', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('division_code', 'char(6)', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('building_id', 'varchar(16)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('person')
    .addColumn('national_id', 'char(18)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'varchar(6)', (c) => c.notNull())
    .addColumn('birth_date', 'char(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('marital_status', 'varchar(10)', (c) => c.notNull())
    .addColumn('household_number', 'varchar(16)', (c) => c.notNull().references('household.number'))
    .addColumn('relation_to_head', 'varchar(8)', (c) => c.notNull())
    .addColumn('registered_on', 'char(10)', (c) => c.notNull())
    .addColumn('spouse_id', 'char(18)')
    .addColumn('father_id', 'char(18)')
    .addColumn('mother_id', 'char(18)')
    .execute();
  // Every join column is indexed: children are found through their parents' IDs.
  await db.schema.createIndex('person_household').on('person').column('household_number').execute();
  await db.schema.createIndex('person_father').on('person').column('father_id').execute();
  await db.schema.createIndex('person_mother').on('person').column('mother_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('person').execute();
  await db.schema.dropTable('household').execute();
}
