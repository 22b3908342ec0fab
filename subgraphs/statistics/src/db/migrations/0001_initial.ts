import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicator')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('frequency', 'varchar(10)', (c) => c.notNull())
    .addColumn('source_department', 'varchar(32)', (c) => c.notNull())
    .addColumn('release_date', 'char(10)', (c) => c.notNull())
    .addColumn('latest_period', 'varchar(10)', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .execute();
  // The key orders an indicator's observations as they are listed: newest period, then county.
  await db.schema
    .createTable('observation')
    .addColumn('indicator_code', 'varchar(32)', (c) => c.notNull().references('indicator.code'))
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('division_code', 'char(6)', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('observation_pk', ['indicator_code', 'period', 'division_code'])
    .execute();
  await db.schema
    .createIndex('observation_division')
    .on('observation')
    .columns(['indicator_code', 'division_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('observation').execute();
  await db.schema.dropTable('indicator').execute();
}
