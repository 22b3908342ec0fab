import type { Engine } from '@govgraph/department/db';
import { type Kysely, type Migration, sql } from 'kysely';

// Issue #10: an idempotency key was unique across every caller, so one agency sending another's
// key got the other's application (or IDEMPOTENCY_KEY_REUSED). Keys are now the submitter's
// own: unique per (submitted_by, idempotency_key). Rows from before get the submitter `legacy`.
// Reviews also keep the agency of the official who decided, and operator ids may be as long as
// the gateway accepts them (64).

// Text: agency ids have no length limit in the registry.
const SUBMITTED_BY = 'text';

/** The submitter-scoped keys, on the engine the database runs. */
export function scopedIdempotencyKeys(engine: Engine): Migration {
  return {
    up: engine === 'postgres' ? upOnPostgres : upOnSqlite,
    down: engine === 'postgres' ? downOnPostgres : downOnSqlite,
  };
}

async function upOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`alter table application add column submitted_by ${sql.raw(SUBMITTED_BY)} not null default 'legacy'`.execute(
    db,
  );
  // Every new row names its submitter; only the rows already there take the default.
  await sql`alter table application alter column submitted_by drop default`.execute(db);
  await sql`alter table application drop constraint application_idempotency_key_key`.execute(db);
  await sql`alter table application add constraint application_submitter_key unique (submitted_by, idempotency_key)`.execute(
    db,
  );
  await sql`alter table review alter column reviewer_id type varchar(64)`.execute(db);
  await sql`alter table review add column reviewer_agency text`.execute(db);
}

async function downOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`alter table review drop column reviewer_agency`.execute(db);
  await sql`alter table application drop constraint application_submitter_key`.execute(db);
  await sql`alter table application drop column submitted_by`.execute(db);
  await sql`alter table application add constraint application_idempotency_key_key unique (idempotency_key)`.execute(
    db,
  );
}

// SQLite cannot drop a column's UNIQUE: the table is rebuilt as sqlite.org/lang_altertable.html
// ("other kinds of table schema changes") describes, with foreign keys off so that dropping the
// old table does not touch the reviews pointing at it. Kysely runs SQLite migrations outside a
// transaction, so the pragma takes effect; the rebuild itself is one transaction.
async function upOnSqlite(db: Kysely<unknown>): Promise<void> {
  await rebuildApplicationOnSqlite(
    db,
    sql`submitted_by ${sql.raw(SUBMITTED_BY)} not null, idempotency_key varchar(64), unique (submitted_by, idempotency_key)`,
    sql`'legacy', idempotency_key`,
  );
  await sql`alter table review add column reviewer_agency text`.execute(db);
}

async function downOnSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`alter table review drop column reviewer_agency`.execute(db);
  await rebuildApplicationOnSqlite(
    db,
    sql`idempotency_key varchar(64) unique`,
    sql`idempotency_key`,
  );
}

async function rebuildApplicationOnSqlite(
  db: Kysely<unknown>,
  keyColumns: ReturnType<typeof sql>,
  keyValues: ReturnType<typeof sql>,
): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql`create table application_rebuilt (
        id varchar(40) primary key,
        applicant_national_id char(18),
        applicant_credit_code char(18),
        kind varchar(24) not null,
        site_building_id varchar(16),
        status varchar(8) not null,
        submitted_at varchar(32) not null,
        decided_at varchar(32),
        ${keyColumns},
        constraint application_one_applicant check ((applicant_national_id is null) <> (applicant_credit_code is null))
      )`.execute(trx);
      await sql`insert into application_rebuilt
        select id, applicant_national_id, applicant_credit_code, kind, site_building_id, status,
          submitted_at, decided_at, ${keyValues}
        from application`.execute(trx);
      await sql`drop table application`.execute(trx);
      await sql`alter table application_rebuilt rename to application`.execute(trx);
      for (const [name, columns] of APPLICATION_INDEXES) {
        await sql`create index ${sql.id(name)} on application (${sql.join(columns.map((c) => sql.id(c)))})`.execute(
          trx,
        );
      }
      const dangling = await sql`pragma foreign_key_check`.execute(trx);
      if (dangling.rows.length > 0) throw new Error('reviews left without their application');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

// The indexes of 0001_initial, which go with the table dropped.
const APPLICATION_INDEXES: [string, string[]][] = [
  ['application_person', ['applicant_national_id', 'submitted_at', 'id']],
  ['application_entity', ['applicant_credit_code', 'submitted_at', 'id']],
  ['application_site', ['site_building_id']],
];
