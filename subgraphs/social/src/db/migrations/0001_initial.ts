import type { Kysely } from 'kysely';

// Dates are ISO strings (text) on both engines, so comparisons and the GraphQL Date scalar agree.
// Amounts are integer cents: a month's contribution of a ceiling wage fits an integer easily.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('employer')
    .addColumn('credit_code', 'char(18)', (c) => c.primaryKey())
    .execute();
  await db.schema
    .createTable('insurance_record')
    .addColumn('national_id', 'char(18)', (c) => c.primaryKey())
    .addColumn('record_no', 'integer', (c) => c.notNull().unique())
    .addColumn('pension_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('insured_since', 'char(10)')
    .addColumn('monthly_pension_cents', 'integer')
    .execute();
  await db.schema
    .createTable('employment')
    .addColumn('national_id', 'char(18)', (c) =>
      c.primaryKey().references('insurance_record.national_id'),
    )
    .addColumn('employer_code', 'char(18)', (c) => c.notNull().references('employer.credit_code'))
    .addColumn('since', 'char(10)', (c) => c.notNull())
    .addColumn('position', 'text')
    .execute();
  // About 13 rows a person (13 million for a million people). Keyed by the record number, in
  // the order the seed writes, so the primary key (record, month) grows at its end instead of
  // taking inserts all over; it also serves each person's newest-first page. No foreign keys:
  // their checks cost a quarter of the seed on PostgreSQL, and the seed writes each person's
  // rows together with their record.
  await db.schema
    .createTable('contribution')
    .addColumn('record_no', 'integer', (c) => c.notNull())
    .addColumn('period', 'char(7)', (c) => c.notNull())
    .addColumn('employer_code', 'char(18)')
    .addColumn('base_cents', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contribution_pk', ['record_no', 'period'])
    .execute();
  // Every join column is indexed: insured employees are counted through their employer's code.
  await db.schema
    .createIndex('employment_employer')
    .on('employment')
    .column('employer_code')
    .execute();
  await db.schema
    .createIndex('contribution_employer')
    .on('contribution')
    .column('employer_code')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contribution').execute();
  await db.schema.dropTable('employment').execute();
  await db.schema.dropTable('insurance_record').execute();
  await db.schema.dropTable('employer').execute();
}
