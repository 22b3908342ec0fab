import { type Kysely, sql } from 'kysely';

// Timestamps are RFC 3339 text in +08:00 on both engines, so they sort in time order and pass
// through the GraphQL DateTime scalar unchanged.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('applicant_national_id', 'char(18)')
    .addColumn('applicant_credit_code', 'char(18)')
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('site_building_id', 'varchar(16)')
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('decided_at', 'varchar(32)')
    // Unique: two submissions racing with one key cannot both insert (NULLs, for records
    // loaded in bulk, never collide on either engine).
    .addColumn('idempotency_key', 'varchar(64)', (c) => c.unique())
    .addCheckConstraint(
      'application_one_applicant',
      sql`(applicant_national_id is null) <> (applicant_credit_code is null)`,
    )
    .execute();
  // Person.applications and LegalEntity.applications: one partitioned query per page, newest
  // first; the index is walked backwards in that order.
  await db.schema
    .createIndex('application_person')
    .on('application')
    .columns(['applicant_national_id', 'submitted_at', 'id'])
    .execute();
  await db.schema
    .createIndex('application_entity')
    .on('application')
    .columns(['applicant_credit_code', 'submitted_at', 'id'])
    .execute();
  await db.schema
    .createIndex('application_site')
    .on('application')
    .column('site_building_id')
    .execute();
  // The primary key (application_id first) serves the reviews of a batch of applications.
  await db.schema
    .createTable('review')
    .addColumn('application_id', 'varchar(40)', (c) => c.notNull().references('application.id'))
    .addColumn('department', 'varchar(24)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('comment', 'text')
    .addColumn('reviewer_id', 'varchar(32)')
    .addPrimaryKeyConstraint('review_pk', ['application_id', 'department'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review').execute();
  await db.schema.dropTable('application').execute();
}
