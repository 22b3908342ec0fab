import { createTestDatabase, type TestDatabase } from '@govgraph/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRowLoader, type Database, openDatabase } from '../src/db/index.js';
import { NAMED_MAX_PARAMETERS, statementName } from '../src/db/namedStatements.js';
import { APPLICATION_NAME } from '../src/db/readPipeline.js';

// On PostgreSQL a department prepares each SELECT with parameters once per connection, as a
// named statement, and later sends only its values. These tests read PostgreSQL's own list of
// the connection's prepared statements, and try to make a prepared statement answer with
// another run's values, or a write or a schema change get prepared.

interface TestDB {
  item: { id: number; name: string };
}

interface Prepared {
  name: string;
  statement: string;
}

describe('named statements on PostgreSQL', () => {
  let testDb: TestDatabase;
  let database: Database<TestDB>;
  /** A second handle on the same database, to watch the first one's sessions from. */
  let other: Database<TestDB>;
  /** The statements prepared on the pool's one connection (or a transaction's). */
  const prepared = async (db: Kysely<TestDB> = database.db): Promise<Prepared[]> => {
    const { rows } = await sql<Prepared>`
      select name, statement from pg_prepared_statements order by name`.execute(db);
    return rows;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres', 'named');
    // One connection, so every statement below runs on the session whose list is read.
    database = openDatabase<TestDB>({ ...testDb.options, poolSize: 1 });
    other = openDatabase<TestDB>({ ...testDb.options, poolSize: 1 });
    await database.db.schema
      .createTable('item')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await database.db
      .insertInto('item')
      .values([1, 2, 3].map((id) => ({ id, name: `item ${id}` })))
      .execute();
  });
  afterAll(async () => {
    await database?.close();
    await other?.close();
    await testDb?.drop();
  });

  it('prepares a loader’s SELECT once, and each run answers for its own values', async () => {
    // In a transaction, so that the loaders run on the connection whose list is read (outside
    // one they take the read pipeline's connection: below).
    await database.db.transaction().execute(async (trx) => {
      const before = await prepared(trx);
      const byIds = (...ids: string[]) => {
        const loader = createRowLoader<TestDB, { id: number; name: string }>(trx, {
          table: 'item',
          keyColumn: 'id',
        });
        return Promise.all(ids.map((id) => loader.load(id)));
      };
      expect(await byIds('1', '2')).toEqual([
        { id: 1, name: 'item 1' },
        { id: 2, name: 'item 2' },
      ]);
      expect(await byIds('3', '9')).toEqual([{ id: 3, name: 'item 3' }, null]);
      expect(await byIds('2', '1')).toEqual([
        { id: 2, name: 'item 2' },
        { id: 1, name: 'item 1' },
      ]);
      const added = (await prepared(trx)).filter((p) => !before.some((b) => b.name === p.name));
      expect(added).toHaveLength(1);
      expect(added[0]?.name).toMatch(/^govgraph_\d+$/);
      expect(added[0]?.statement).toMatch(
        /^\s*select \* from "item"\s+where "id" in \(\$1, \$2\)$/,
      );
    });
  });

  /** What each session of the test database last ran, by application name. */
  const lastRun = async () => {
    const { rows } = await sql<{ application_name: string; query: string }>`
      select application_name, query from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(other.db);
    return rows.map((row) => ({ ...row, query: row.query.replace(/\s+/g, ' ').trim() }));
  };
  const loadItem = (db: Kysely<TestDB>, id: string) =>
    createRowLoader<TestDB, { id: number; name: string }>(db, {
      table: 'item',
      keyColumn: 'id',
    }).load(id);

  it('sends a loader’s read alone on the read pipeline, and in a transaction on its connection', async () => {
    expect(await loadItem(database.db, '2')).toEqual({ id: 2, name: 'item 2' });
    const loaderText = 'select * from "item" where "id" in ($1)';
    expect(await lastRun()).toContainEqual({
      application_name: APPLICATION_NAME,
      query: loaderText,
    });
    await database.db.transaction().execute(async (trx) => {
      await sql`select ${'marker'}::text as marker`.execute(trx);
      expect(await loadItem(trx, '3')).toEqual({ id: 3, name: 'item 3' });
      const sessions = await lastRun();
      // The pipeline's session ran nothing since; the transaction's did the read.
      expect(sessions.filter((s) => s.application_name === APPLICATION_NAME)).toEqual([
        { application_name: APPLICATION_NAME, query: loaderText },
      ]);
      expect(sessions.filter((s) => s.application_name !== APPLICATION_NAME)).toEqual([
        { application_name: '', query: loaderText },
      ]);
    });
    // A statement that is no loader's goes on the pool's connection, named or not.
    await sql`select name from item where id = ${1}`.execute(database.db);
    expect((await lastRun()).filter((s) => s.application_name === APPLICATION_NAME)[0]?.query).toBe(
      loaderText,
    );
  });

  it('prepares no write, no schema change and no statement without values', async () => {
    const before = await prepared();
    await database.db.insertInto('item').values({ id: 4, name: 'item 4' }).execute();
    await database.db.updateTable('item').set({ name: 'four' }).where('id', '=', 4).execute();
    await database.db.schema.createIndex('item_name').on('item').column('name').execute();
    await sql`select count(*) from item`.execute(database.db);
    expect(await prepared()).toEqual(before);
    const { rows } = await sql<{ name: string }>`select name from item where id = ${4}`.execute(
      database.db,
    );
    expect(rows).toEqual([{ name: 'four' }]);
  });

  it('runs a prepared SELECT inside a transaction and sees its writes', async () => {
    const read = (id: number) =>
      sql<{ name: string }>`select name from item where id = ${id}`.execute(database.db);
    await read(1);
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('item').set({ name: 'renamed' }).where('id', '=', 1).execute();
      const { rows } = await sql<{ name: string }>`select name from item where id = ${1}`.execute(
        trx,
      );
      expect(rows).toEqual([{ name: 'renamed' }]);
    });
    expect((await read(1)).rows).toEqual([{ name: 'renamed' }]);
  });
});

describe('statementName', () => {
  it('names a SELECT or WITH with values, one name per text, and nothing else', () => {
    const text = 'select * from "item" where "id" in ($1)';
    const name = statementName(text, 1);
    expect(name).toMatch(/^govgraph_\d+$/);
    expect(statementName(text, 1)).toBe(name);
    expect(statementName(`${text} order by "id"`, 1)).not.toBe(name);
    expect(statementName('  WITH t as (select $1::int as x) select x from t', 1)).toMatch(
      /^govgraph_/,
    );
    expect(statementName('select 1', 0)).toBeUndefined();
    // A long IN list (an audit verify page reads thousands of subjects) is not kept by name.
    const long = (n: number) =>
      `select * from "item" where "id" in (${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ')})`;
    expect(statementName(long(NAMED_MAX_PARAMETERS), NAMED_MAX_PARAMETERS)).toMatch(/^govgraph_/);
    expect(statementName(long(NAMED_MAX_PARAMETERS + 1), NAMED_MAX_PARAMETERS + 1)).toBeUndefined();
    expect(statementName('insert into "item" ("id") values ($1)', 1)).toBeUndefined();
    expect(statementName('update "item" set "name" = $1', 1)).toBeUndefined();
    expect(statementName('delete from "item" where "id" = $1', 1)).toBeUndefined();
  });
});
