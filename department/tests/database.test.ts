import { existsSync } from 'node:fs';
import {
  createTestDatabase,
  ENGINES,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from '@govgraph/testing';
import { type Migration, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createRowLoader,
  type Database,
  hasRows,
  insertInBatches,
  migrateToLatest,
  openDatabase,
  StatementCounter,
} from '../src/db/index.js';
import { APPLICATION_NAME } from '../src/db/readPipeline.js';

const WIDE_COLUMNS = [
  'c00',
  'c01',
  'c02',
  'c03',
  'c04',
  'c05',
  'c06',
  'c07',
  'c08',
  'c09',
] as const;

interface TestDB {
  company: { credit_code: string; name: string };
  wide: { id: number } & Record<(typeof WIDE_COLUMNS)[number], string>;
}

const migrations: Record<string, Migration> = {
  '001_company': {
    up: async (db) => {
      await db.schema
        .createTable('company')
        .addColumn('credit_code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '002_wide': {
    up: async (db) => {
      let table = db.schema.createTable('wide').addColumn('id', 'integer', (c) => c.primaryKey());
      for (const column of WIDE_COLUMNS)
        table = table.addColumn(column, 'text', (c) => c.notNull());
      await table.execute();
    },
  },
};

const wideRow = (id: number): TestDB['wide'] => {
  const row = { id } as TestDB['wide'];
  for (const column of WIDE_COLUMNS) row[column] = `${column}-${id}`;
  return row;
};

describe.each(ENGINES)('the data layer on %s', (engine) => {
  let testDb: TestDatabase;
  let database: Database<TestDB>;

  beforeAll(async () => {
    // Fails with createTestDatabase's own message ("PostgreSQL is needed...") when it is down.
    testDb = await createTestDatabase(engine, 'schema_db');
    database = openDatabase<TestDB>(testDb.options);
    await migrateToLatest(database.db, migrations);
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('opens the engine its options select', () => {
    expect(database.engine).toBe(engine);
  });

  it('migrates to the latest schema, and a second run changes nothing', async () => {
    await database.db
      .insertInto('company')
      .values({ credit_code: '91350100M000100Y43', name: 'Fuzhou Example Co.' })
      .execute();
    await migrateToLatest(database.db, migrations);
    const companies = await database.db.selectFrom('company').selectAll().execute();
    expect(companies).toEqual([{ credit_code: '91350100M000100Y43', name: 'Fuzhou Example Co.' }]);
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(['company', 'wide']);
  });

  it('names the migration that failed and keeps the ones before it', async () => {
    const broken: Record<string, Migration> = {
      ...migrations,
      '003_broken': {
        up: async (db) => {
          await db.schema.createTable('company').addColumn('x', 'text').execute();
        },
      },
    };
    await expect(migrateToLatest(database.db, broken)).rejects.toThrow(
      /^migration 003_broken failed: .*company/,
    );
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(['company', 'wide']);
  });

  it('inserts 5,000 rows of 11 columns in batches under the bound-parameter limits', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => wideRow(i + 1));
    database.statements.reset();
    await insertInBatches(database.db, 'wide', rows);
    // 30,000 parameters a statement at most: 2,727 rows of 11 columns, so two INSERTs.
    expect(database.statements.count('insert')).toBe(2);
    const { count } = await database.db
      .selectFrom('wide')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(5000);
    const ends = await database.db
      .selectFrom('wide')
      .selectAll()
      .where('id', 'in', [1, 2728, 5000])
      .orderBy('id')
      .execute();
    expect(ends).toEqual([wideRow(1), wideRow(2728), wideRow(5000)]);
  });

  it('inserts all batches or none', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => wideRow(10_001 + i));
    rows.push(wideRow(10_001)); // a duplicate key in the second batch
    await expect(insertInBatches(database.db, 'wide', rows)).rejects.toThrow();
    const inserted = await database.db
      .selectFrom('wide')
      .select('id')
      .where('id', '>', 10_000)
      .execute();
    expect(inserted).toEqual([]);
  });

  it('sends nothing for no rows', async () => {
    database.statements.reset();
    await insertInBatches(database.db, 'wide', []);
    expect(database.statements.total).toBe(0);
  });

  it('counts every statement it sends, by kind', async () => {
    database.statements.reset();
    await database.db.selectFrom('company').selectAll().execute();
    await database.db.selectFrom('wide').select('id').where('id', '=', 1).execute();
    await database.db.updateTable('company').set({ name: 'Renamed' }).execute();
    expect(database.statements.count('select')).toBe(2);
    expect(database.statements.count('update')).toBe(1);
    expect(database.statements.count('delete')).toBe(0);
    expect(database.statements.total).toBe(3);
  });

  it('hasRows tells an empty table from one with rows', async () => {
    await database.db.deleteFrom('company').execute();
    expect(await hasRows(database.db, 'company')).toBe(false);
    await database.db
      .insertInto('company')
      .values({ credit_code: '91350100M000100Y43', name: 'Fuzhou Example Co.' })
      .execute();
    expect(await hasRows(database.db, 'company')).toBe(true);
  });
});

describe('StatementCounter', () => {
  it('counts statements by their first keyword, case-insensitively, until reset', () => {
    const counter = new StatementCounter();
    counter.record('select 1');
    counter.record('\n   SELECT * from person');
    counter.record('insert into person values (1)');
    counter.record('with x as (select 1) select * from x');
    counter.record('');
    expect(counter.count('select')).toBe(2);
    expect(counter.count('insert')).toBe(1);
    expect(counter.count('with')).toBe(1);
    expect(counter.count('other')).toBe(1);
    expect(counter.total).toBe(5);
    counter.reset();
    expect(counter.count('select')).toBe(0);
    expect(counter.total).toBe(0);
  });
});

describe('openDatabase', () => {
  it('creates the directory of a new SQLite file', async () => {
    const testDb = await createTestDatabase('sqlite', 'nested');
    const file = testDb.options.sqliteFile.replace(/([^/]+)$/, 'a/b/$1');
    const database = openDatabase<TestDB>({ sqliteFile: file });
    await migrateToLatest(database.db, migrations);
    await database.close();
    expect(existsSync(file)).toBe(true);
    await testDb.drop();
    expect(existsSync(file)).toBe(false);
  });

  it('survives PostgreSQL ending an idle pooled connection, reports it, and reconnects', async () => {
    const testDb = await createTestDatabase('postgres', 'idle_error');
    const reported: Error[] = [];
    const database = openDatabase<TestDB>({
      ...testDb.options,
      onIdleConnectionError: (error) => reported.push(error),
    });
    await sql`select 1`.execute(database.db);
    // An administrator (or a server restart) ends every session of the database.
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [new URL(testDb.options.url ?? '').pathname.slice(1)],
    );
    await admin.end();
    await vi.waitFor(() => expect(reported.length).toBeGreaterThan(0));
    expect(reported[0]?.message).toContain('terminating connection');
    const again = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(again.rows).toEqual([{ one: 1 }]);
    await database.close();
    await testDb.drop();
  });
  it('survives PostgreSQL ending the read pipeline’s idle connections, reports it, and reads on', async () => {
    const testDb = await createTestDatabase('postgres', 'pipeline_error');
    const reported: Error[] = [];
    const database = openDatabase<TestDB>({
      ...testDb.options,
      onIdleConnectionError: (error) => reported.push(error),
    });
    await migrateToLatest(database.db, migrations);
    await database.db.insertInto('company').values({ credit_code: 'C1', name: 'one' }).execute();
    const read = () =>
      createRowLoader<TestDB, TestDB['company']>(database.db, {
        table: 'company',
        keyColumn: 'credit_code',
      }).load('C1');
    // Two ticks: both of the pipeline's connections open.
    expect(await read()).toEqual({ credit_code: 'C1', name: 'one' });
    expect(await read()).toEqual({ credit_code: 'C1', name: 'one' });
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    const ended = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = $1 and application_name = $2`,
      [new URL(testDb.options.url ?? '').pathname.slice(1), APPLICATION_NAME],
    );
    await admin.end();
    expect(ended.rowCount).toBe(2);
    await vi.waitFor(() => expect(reported.length).toBe(2));
    expect(reported[0]?.message).toContain('terminating connection');
    for (const _tick of [1, 2, 3]) {
      expect(await read()).toEqual({ credit_code: 'C1', name: 'one' });
    }
    await database.close();
    await testDb.drop();
  });
  // Regression (found by `npm run chaos`, PostgreSQL restarted under load): pg-pool takes its
  // error listener off a connection while it is checked out, so a server gone in the middle of a
  // transaction emitted an unhandled 'error' and killed the whole gateway process.
  it('survives PostgreSQL ending a connection in the middle of a transaction', async () => {
    const testDb = await createTestDatabase('postgres', 'busy_error');
    const reported: Error[] = [];
    const database = openDatabase<TestDB>({
      ...testDb.options,
      onIdleConnectionError: (error) => reported.push(error),
    });
    const transaction = database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
      await admin.end();
      await vi.waitFor(() => expect(reported.length).toBeGreaterThan(0));
      await sql`select 1`.execute(trx);
    });
    await expect(transaction).rejects.toThrow();
    expect(reported[0]?.message).toContain('terminating connection');
    const again = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(again.rows).toEqual([{ one: 1 }]);
    await database.close();
    await testDb.drop();
  });
});

describe('createTestDatabase', () => {
  it('gives a fresh PostgreSQL database and drop() removes it', async () => {
    const testDb = await createTestDatabase('postgres', 'fresh');
    const name = new URL(testDb.options.url ?? '').pathname.slice(1);
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      const exists = async () =>
        (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
      expect(await exists()).toBe(1);
      await testDb.drop();
      expect(await exists()).toBe(0);
    } finally {
      await admin.end();
    }
  });

  it('says where PostgreSQL was expected and how to start it when it is not reachable', async () => {
    vi.stubEnv('TEST_POSTGRES_URL', 'postgres://postgres@127.0.0.1:1/postgres');
    vi.resetModules();
    try {
      const fresh = await import('@govgraph/testing');
      await expect(fresh.createTestDatabase('postgres')).rejects.toThrow(
        /^PostgreSQL is needed for this test and is not reachable at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres \(.*ECONNREFUSED.*\)\. Start it: pg_ctlcluster/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
