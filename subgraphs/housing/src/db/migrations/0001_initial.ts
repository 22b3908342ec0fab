import { type Kysely, sql } from 'kysely';

// Dates are ISO strings (text) on both engines, so comparisons and the GraphQL Date scalar agree.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('building')
    .addColumn('building_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('division_code', 'char(6)', (c) => c.notNull())
    .addColumn('use', 'varchar(12)', (c) => c.notNull())
    .addColumn('floors', 'integer', (c) => c.notNull())
    .addColumn('built_year', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('title')
    .addColumn('certificate_number', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('serial', 'integer', (c) => c.notNull().unique())
    .addColumn('building_id', 'varchar(16)', (c) => c.notNull().references('building.building_id'))
    .addColumn('unit', 'varchar(20)', (c) => c.notNull())
    // double precision, not real: PostgreSQL's real is 4 bytes and would round 89.37.
    .addColumn('area_square_meters', 'double precision', (c) => c.notNull())
    .addColumn('use', 'varchar(12)', (c) => c.notNull())
    .addColumn('registered_on', 'char(10)', (c) => c.notNull())
    .addColumn('mortgaged', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ownership')
    .addColumn('certificate_number', 'varchar(40)', (c) =>
      c.notNull().references('title.certificate_number'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('national_id', 'char(18)')
    .addColumn('credit_code', 'char(18)')
    .addColumn('share', 'varchar(12)', (c) => c.notNull())
    .addPrimaryKeyConstraint('ownership_pk', ['certificate_number', 'position'])
    .addCheckConstraint('ownership_one_owner', sql`(national_id is null) <> (credit_code is null)`)
    .execute();
  // Every join column is indexed: a building's titles, an owner's titles.
  await db.schema.createIndex('title_building').on('title').column('building_id').execute();
  await db.schema.createIndex('ownership_person').on('ownership').column('national_id').execute();
  await db.schema.createIndex('ownership_company').on('ownership').column('credit_code').execute();
  // An owner's titles come from this view, so the shared page loader (one table, one parent
  // column) serves them like any other child list.
  await sql`create view owned_title as
    select o.national_id, o.credit_code, t.*
    from ownership o join title t on t.certificate_number = o.certificate_number`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropView('owned_title').execute();
  await db.schema.dropTable('ownership').execute();
  await db.schema.dropTable('title').execute();
  await db.schema.dropTable('building').execute();
}
