import type { Kysely } from 'kysely';

// Amounts are integer cents in bigint columns (pg returns int8 as a number, see openDatabase);
// dates are ISO strings (text) on both engines, so comparisons and the GraphQL Date scalar agree.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_tax_account')
    .addColumn('national_id', 'char(18)', (c) => c.primaryKey())
    .addColumn('arrears_cents', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('person_tax_year')
    .addColumn('national_id', 'char(18)', (c) =>
      c.notNull().references('person_tax_account.national_id'),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('declared_income_cents', 'bigint', (c) => c.notNull())
    .addColumn('tax_paid_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_tax_year_pk', ['national_id', 'year'])
    .execute();
  await db.schema
    .createTable('enterprise_tax_account')
    .addColumn('credit_code', 'char(18)', (c) => c.primaryKey())
    .addColumn('credit_rating', 'char(1)', (c) => c.notNull())
    .addColumn('rating_year', 'integer', (c) => c.notNull())
    .addColumn('arrears_cents', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('enterprise_rating')
    .addColumn('credit_code', 'char(18)', (c) =>
      c.notNull().references('enterprise_tax_account.credit_code'),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('rating', 'char(1)', (c) => c.notNull())
    .addPrimaryKeyConstraint('enterprise_rating_pk', ['credit_code', 'year'])
    .execute();
  await db.schema
    .createTable('tax_filing')
    .addColumn('credit_code', 'char(18)', (c) =>
      c.notNull().references('enterprise_tax_account.credit_code'),
    )
    .addColumn('tax_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('taxable_cents', 'bigint', (c) => c.notNull())
    .addColumn('tax_paid_cents', 'bigint', (c) => c.notNull())
    .addColumn('due_on', 'char(10)', (c) => c.notNull())
    .addColumn('filed_on', 'char(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('tax_filing_pk', ['credit_code', 'tax_kind', 'period'])
    .execute();
  await db.schema
    .createTable('major_violation')
    .addColumn('case_number', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('credit_code', 'char(18)', (c) =>
      c.notNull().references('enterprise_tax_account.credit_code'),
    )
    .addColumn('decided_on', 'char(10)', (c) => c.notNull())
    .addColumn('violation', 'text', (c) => c.notNull())
    .addColumn('amount_evaded_cents', 'bigint', (c) => c.notNull())
    .addColumn('penalty_cents', 'bigint', (c) => c.notNull())
    .execute();
  // Composite primary keys lead with the parent's key, so they already index the year and
  // rating lookups by person or enterprise; the rest are the join and list columns.
  await db.schema
    .createIndex('enterprise_rating_published')
    .on('enterprise_rating')
    .columns(['year', 'rating', 'credit_code'])
    .execute();
  await db.schema
    .createIndex('tax_filing_list')
    .on('tax_filing')
    .columns(['credit_code', 'filed_on'])
    .execute();
  await db.schema
    .createIndex('major_violation_list')
    .on('major_violation')
    .columns(['credit_code', 'decided_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('major_violation').execute();
  await db.schema.dropTable('tax_filing').execute();
  await db.schema.dropTable('enterprise_rating').execute();
  await db.schema.dropTable('enterprise_tax_account').execute();
  await db.schema.dropTable('person_tax_year').execute();
  await db.schema.dropTable('person_tax_account').execute();
}
