import type { Engine } from '@govgraph/department/db';
import { type Kysely, type Migration, sql } from 'kysely';

/** The hash every chain starts from: the first record's `prevHash`. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hub's tables. Text that is sorted or compared byte-wise (coordinates, codes, ISO times)
 * is "C"-collated on PostgreSQL, so both engines order it the same way.
 */
function initialMigration(engine: Engine): Migration {
  const text = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('purposes')
        .addColumn('code', text, (c) => c.primaryKey())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('source', 'varchar(8)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('agencies')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('jwt_issuer', 'text')
        .addColumn('jwt_audience', 'text')
        .addColumn('jwt_public_key', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source', 'varchar(8)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('hash', 'char(64)', (c) => c.notNull().unique())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createIndex('api_keys_agency')
        .on('api_keys')
        .columns(['agency_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('grants')
        .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
        .addColumn('purpose', text, (c) => c.notNull().references('purposes.code'))
        .addColumn('coordinate', text, (c) => c.notNull())
        .addColumn('source', 'varchar(8)', (c) => c.notNull())
        .addPrimaryKeyConstraint('grants_pk', ['agency_id', 'purpose', 'coordinate'])
        .execute();
      await db.schema
        .createTable('citizen_coordinates')
        .addColumn('coordinate', text, (c) => c.primaryKey())
        .execute();
      // No foreign keys from the audit log: it outlives agencies and purposes, and an audit
      // write must never fail because the registry changed underneath it.
      await db.schema
        .createTable('audit_records')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', text, (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('caller_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('agency_id', 'text')
        .addColumn('operator_id', 'text')
        .addColumn('purpose', 'text')
        .addColumn('case_id', 'text')
        .addColumn('operation_hash', 'char(64)', (c) => c.notNull())
        .addColumn('operation_name', 'text')
        .addColumn('coordinates', 'text', (c) => c.notNull())
        .addColumn('denied', 'text', (c) => c.notNull())
        .addColumn('subjects', 'text', (c) => c.notNull())
        .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
        .addColumn('cached', 'integer', (c) => c.notNull())
        .addColumn('prev_hash', 'char(64)', (c) => c.notNull())
        .addColumn('hash', 'char(64)', (c) => c.notNull())
        .execute();
      // The tracker reads a subject's records newest first: the key is that order.
      await db.schema
        .createTable('audit_subjects')
        .addColumn('subject', text, (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_subjects_pk', ['subject', 'seq'])
        .execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'char(64)', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'audit_head',
        'audit_subjects',
        'audit_records',
        'citizen_coordinates',
        'grants',
        'api_keys',
        'agencies',
        'purposes',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

/** Verify compares each page of records with its subject index rows, read by seq range. */
const subjectsBySeq: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_subjects_seq').on('audit_subjects').column('seq').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_subjects_seq').execute();
  },
};

/**
 * The caller's own request id, beside the hub's: nullable, so the records written before stay
 * as they are (their hashes do not cover it).
 */
const auditCorrelationId: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_records').addColumn('correlation_id', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_records').dropColumn('correlation_id').execute();
  },
};

/**
 * Writes (issue #10): the department an agency acts for, and whether an audit record is the
 * intent written before a mutation runs or the outcome written after. Both null on old rows,
 * which therefore hash and verify as before.
 */
const agencyDepartment: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('agencies').addColumn('department', 'text').execute();
    await db.schema.alterTable('audit_records').addColumn('phase', 'varchar(16)').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_records').dropColumn('phase').execute();
    await db.schema.alterTable('agencies').dropColumn('department').execute();
  },
};

/**
 * Service-desk operators and their sessions (issue #12): named officials of an agency with a
 * scrypt password hash, and short-lived sessions kept by the hash of their token, so that every
 * gateway instance sees a sign-in and a sign-out at once.
 */
function operatorSessions(engine: Engine): Migration {
  const text = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('operators')
        .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
        .addColumn('id', text, (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('operators_pk', ['agency_id', 'id'])
        .execute();
      await db.schema
        .createTable('operator_sessions')
        .addColumn('token_hash', 'char(64)', (c) => c.primaryKey())
        .addColumn('agency_id', text, (c) => c.notNull())
        .addColumn('operator_id', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('expires_at', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('operator_sessions_expiry')
        .on('operator_sessions')
        .column('expires_at')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('operator_sessions').execute();
      await db.schema.dropTable('operators').execute();
    },
  };
}

/**
 * Limits (issue #11): an agency's overrides of the gateway's request limits, a JSON object by
 * the gateway's names. Null on every existing agency: the defaults, as before.
 */
const agencyLimits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('agencies').addColumn('limits', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('agencies').dropColumn('limits').execute();
  },
};

/**
 * Browser apps (issue #12): the web origins (`https://desk.example.gov`) an agency's pages are
 * served from, and those of the citizen portal. A request from a browser page is accepted only
 * from an origin its caller lists (docs/access.md#browser-apps-cors).
 */
function agencyOrigins(engine: Engine): Migration {
  const text = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('agency_origins')
        .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
        .addColumn('origin', text, (c) => c.notNull())
        .addColumn('source', 'varchar(8)', (c) => c.notNull())
        .addPrimaryKeyConstraint('agency_origins_pk', ['agency_id', 'origin'])
        .execute();
      await db.schema
        .createTable('citizen_origins')
        .addColumn('origin', text, (c) => c.primaryKey())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('citizen_origins').execute();
      await db.schema.dropTable('agency_origins').execute();
    },
  };
}

/**
 * Key expiry (issue #13): when an API key stops working, ISO 8601 UTC, or null for a key that
 * never expires (every key issued before this migration).
 */
const apiKeyExpiry: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('api_keys').addColumn('expires_at', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('api_keys').dropColumn('expires_at').execute();
  },
};

/**
 * The subject index may trail the chain (docs/architecture.md#the-subject-index):
 * `indexed_seq` is the last record whose subjects are in `audit_subjects`. Every record written
 * before this migration was indexed with it.
 */
const auditIndexedSeq: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('audit_head')
      .addColumn('indexed_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update audit_head set indexed_seq = seq`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_head').dropColumn('indexed_seq').execute();
  },
};

/**
 * The subject index without its second key (docs/architecture.md#the-subject-index). A sweep
 * writes rows in (subject, seq) order; the seq key took every row again, in another order, at
 * 27-40% of the sweep's cost per row, for verify alone, which now reads the rows by subject.
 */
const auditSubjectsOneKey: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_subjects_seq').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_subjects_seq').on('audit_subjects').column('seq').execute();
  },
};

/**
 * On SQLite the subject index becomes a table without rowid: its rows are its key, (subject,
 * seq), in one b-tree, where a rowid table kept each row twice (the table by rowid, and the
 * key's own index). A swept row is then one b-tree insert instead of two (the sweep's slices
 * 14–30% quicker per row, measured: docs/benchmarks.md), and the index takes about half the
 * space. The rows are copied in key order, in one transaction: the table is never missing.
 * PostgreSQL keeps its table and key.
 */
function auditSubjectsWithoutRowid(engine: Engine): Migration {
  const rebuild = (withoutRowid: boolean) => async (db: Kysely<unknown>) => {
    if (engine !== 'sqlite') return;
    await sql`begin immediate`.execute(db);
    try {
      // Another process opening the store may have rebuilt it first (Kysely takes no migration
      // lock on SQLite, openHubStore.ts): then there is nothing to do.
      const { rows } = await sql<{ sql: string }>`
        select sql from sqlite_master where type = 'table' and name = 'audit_subjects'`.execute(db);
      if (/without rowid\s*$/i.test(rows[0]?.sql ?? '') === withoutRowid) {
        await sql`commit`.execute(db);
        return;
      }
      await sql`create table audit_subjects_rebuilt (
        subject text not null,
        seq bigint not null,
        constraint audit_subjects_pk primary key (subject, seq)
      )${withoutRowid ? sql` without rowid` : sql``}`.execute(db);
      await sql`insert into audit_subjects_rebuilt (subject, seq)
        select subject, seq from audit_subjects order by subject, seq`.execute(db);
      await sql`drop table audit_subjects`.execute(db);
      await sql`alter table audit_subjects_rebuilt rename to audit_subjects`.execute(db);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  };
  return { up: rebuild(true), down: rebuild(false) };
}

/** The hub's migrations, in order; the same ones run on SQLite and PostgreSQL. */
export function hubMigrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': initialMigration(engine),
    '0002_audit_subjects_by_seq': subjectsBySeq,
    '0003_audit_correlation_id': auditCorrelationId,
    '0004_agency_department': agencyDepartment,
    '0005_agency_limits': agencyLimits,
    '0006_agency_origins': agencyOrigins(engine),
    '0007_operator_sessions': operatorSessions(engine),
    '0008_api_key_expiry': apiKeyExpiry,
    '0009_audit_indexed_seq': auditIndexedSeq,
    '0010_audit_subjects_one_key': auditSubjectsOneKey,
    '0011_audit_subjects_without_rowid': auditSubjectsWithoutRowid(engine),
  };
}
