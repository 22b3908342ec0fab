import { createTestDatabase, ENGINES, type TestDatabase } from '@govgraph/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRowLoader, type Database, openDatabase } from '../src/db/index.js';
import { isStalePlan } from '../src/db/namedStatements.js';

// A department keeps the statements it prepared: better-sqlite3 statements by SQL text,
// PostgreSQL named statements per connection. During a rolling deploy another release may
// migrate the database while this one serves; a column added to a table then changes what a
// kept `select *` returns. These tests make that change from a second connection, as the
// other release would, between two reads of the same loader shape.

interface TestDB {
  doc: { id: number; title: string; note?: string | null; extra?: number | null };
}

describe.each(ENGINES)('a schema change while a department serves (%s)', (engine) => {
  let testDb: TestDatabase;
  /** This release: one connection, so every read below runs where the statement was kept. */
  let database: Database<TestDB>;
  /** The other release, migrating. */
  let other: Database<TestDB>;
  const read = (id: string) =>
    createRowLoader<TestDB, TestDB['doc']>(database.db, { table: 'doc', keyColumn: 'id' }).load(id);

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, 'schema_change');
    database = openDatabase<TestDB>({ ...testDb.options, poolSize: 1 });
    other = openDatabase<TestDB>({ ...testDb.options, poolSize: 1 });
    await database.db.schema
      .createTable('doc')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .execute();
    await database.db
      .insertInto('doc')
      .values([
        { id: 1, title: 'one' },
        { id: 2, title: 'two' },
      ])
      .execute();
  });
  afterAll(async () => {
    await database?.close();
    await other?.close();
    await testDb?.drop();
  });

  it('reads the added column through the statement kept before it was added', async () => {
    expect(await read('1')).toEqual({ id: 1, title: 'one' });
    await other.db.schema.alterTable('doc').addColumn('note', 'text').execute();
    await other.db.updateTable('doc').set({ note: 'added later' }).where('id', '=', 2).execute();
    expect(await read('1')).toEqual({ id: 1, title: 'one', note: null });
    expect(await read('2')).toEqual({ id: 2, title: 'two', note: 'added later' });
  });

  if (engine !== 'postgres') return;

  const backend = async () =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]?.pid;
  const preparedHere = async () =>
    (
      await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        database.db,
      )
    ).rows.map((row) => row.statement.replace(/\s+/g, ' ').trim());

  it('replaces the connection whose statement went stale, and prepares it anew there', async () => {
    expect(await read('1')).toMatchObject({ id: 1 });
    const before = await backend();
    await other.db.schema.alterTable('doc').addColumn('extra', 'integer').execute();
    expect(await read('1')).toEqual({ id: 1, title: 'one', note: null, extra: null });
    // The refused connection went back to the pool to be dropped; this is a new session.
    const after = await backend();
    expect(after).toBeTypeOf('number');
    expect(after).not.toBe(before);
    expect(await preparedHere()).toEqual([]);
    expect(await read('2')).toEqual({ id: 2, title: 'two', note: 'added later', extra: null });
    expect(await preparedHere()).toEqual(['select * from "doc" where "id" in ($1)']);
    expect(await backend()).toBe(after);
  });

  it('fails a transaction that meets a stale statement, writes nothing, and the next one runs', async () => {
    expect(await read('1')).toMatchObject({ id: 1 });
    await other.db.schema.alterTable('doc').addColumn('more', 'text').execute();
    const writeThenRead = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('doc').values({ id: 3, title: 'three' }).execute();
      return createRowLoader<TestDB, TestDB['doc']>(trx, { table: 'doc', keyColumn: 'id' }).load(
        '1',
      );
    });
    const refusal = await writeThenRead.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isStalePlan(refusal)).toBe(true);
    expect(await read('3')).toBeNull();
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('doc').values({ id: 3, title: 'three' }).execute();
    });
    expect(await read('3')).toMatchObject({ id: 3, title: 'three', more: null });
  });
});

describe('isStalePlan', () => {
  it('knows the refusal by its SQLSTATE and server routine, not its translated message', () => {
    expect(isStalePlan({ code: '0A000', routine: 'RevalidateCachedQuery' })).toBe(true);
    expect(isStalePlan({ code: '0A000', routine: 'transformSelectStmt' })).toBe(false);
    expect(isStalePlan({ code: '42P01', routine: 'RevalidateCachedQuery' })).toBe(false);
    expect(isStalePlan(new Error('cached plan must not change result type'))).toBe(false);
    expect(isStalePlan(undefined)).toBe(false);
  });
});
