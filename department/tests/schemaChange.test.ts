import { createTestDatabase, ENGINES, type TestDatabase } from '@govgraph/testing';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRowLoader, type Database, openDatabase } from '../src/db/index.js';
import { isStalePlan, markLoaderRead, mustPrepareAgain } from '../src/db/namedStatements.js';
import { APPLICATION_NAME } from '../src/db/readPipeline.js';

// A department keeps the statements it prepared: better-sqlite3 statements by SQL text,
// PostgreSQL named statements per connection (the pool's, and the read pipeline's). During a rolling deploy another release may
// migrate the database while this one serves; a column added to a table then changes what a
// kept `select *` returns. These tests make that change from a second connection, as the
// other release would, between two reads of the same loader shape.

interface TestDB {
  doc: { id: number; title: string; note?: string | null; extra?: number | null };
}

/** The table both describes read: two docs, `one` and `two`. */
async function createDocs(db: Kysely<TestDB>): Promise<void> {
  await db.schema
    .createTable('doc')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('doc')
    .values([
      { id: 1, title: 'one' },
      { id: 2, title: 'two' },
    ])
    .execute();
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
    await createDocs(database.db);
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

  /** The pool's one connection (statements that are no loader's read, and transactions). */
  const backend = async () =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]?.pid;
  /** The read pipeline's connections (loaders' reads outside transactions), seen from aside. */
  const pipelined = async () =>
    (
      await sql<{ pid: number }>`
        select pid from pg_stat_activity
        where datname = current_database() and application_name = ${APPLICATION_NAME}`.execute(
        other.db,
      )
    ).rows.map((row) => row.pid);
  const selectDoc = async (id: number) =>
    (await sql<TestDB['doc']>`select * from doc where id = ${id}`.execute(database.db)).rows;

  it('replaces every connection whose statement went stale, and prepares anew there', async () => {
    // A loader's read prepared on both of the pipeline's connections (ticks take them in
    // turn), another SELECT on the pool's.
    expect(await read('1')).toMatchObject({ id: 1 });
    expect(await read('1')).toMatchObject({ id: 1 });
    expect(await selectDoc(1)).toMatchObject([{ id: 1 }]);
    const pipelineBefore = await pipelined();
    const poolBefore = await backend();
    expect(pipelineBefore).toHaveLength(2);
    await other.db.schema.alterTable('doc').addColumn('extra', 'integer').execute();

    for (const _tick of [1, 2, 3, 4]) {
      expect(await read('1')).toEqual({ id: 1, title: 'one', note: null, extra: null });
    }
    expect(await selectDoc(2)).toEqual([{ id: 2, title: 'two', note: 'added later', extra: null }]);
    // Every one went back to be dropped: the pool's is a new session, the pipeline's are closed
    // and new ones took their turns.
    const poolAfter = await backend();
    expect(poolAfter).toBeTypeOf('number');
    expect(poolAfter).not.toBe(poolBefore);
    await vi.waitFor(async () => {
      const now = await pipelined();
      expect(now).toHaveLength(2);
      for (const pid of pipelineBefore) expect(now).not.toContain(pid);
    });
    expect(await read('2')).toEqual({ id: 2, title: 'two', note: 'added later', extra: null });
    expect(await backend()).toBe(poolAfter);
  });

  it('fails a transaction that meets a stale statement, writes nothing, and the next one runs', async () => {
    const readIn = (trx: Kysely<TestDB>, id: string) =>
      createRowLoader<TestDB, TestDB['doc']>(trx, { table: 'doc', keyColumn: 'id' }).load(id);
    // Prepared on the pool's connection, where transactions run.
    await database.db.transaction().execute(async (trx) => {
      expect(await readIn(trx, '1')).toMatchObject({ id: 1 });
    });
    await other.db.schema.alterTable('doc').addColumn('more', 'text').execute();
    const refusal = await database.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('doc').values({ id: 3, title: 'three' }).execute();
        return readIn(trx, '1');
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isStalePlan(refusal)).toBe(true);
    expect(await read('3')).toBeNull();
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('doc').values({ id: 3, title: 'three' }).execute();
      expect(await readIn(trx, '3')).toMatchObject({ id: 3, title: 'three', more: null });
    });
    expect(await read('3')).toMatchObject({ id: 3, title: 'three', more: null });
  });
});

// node-postgres closes a named statement on the server when a run's values cannot be encoded
// (here a circular object, which JSON.stringify refuses), yet keeps it as prepared: every later
// run of that text on the connection was refused ("prepared statement does not exist"), on the
// read pipeline (every request's reads) as on a pooled connection.
describe('a read whose values cannot be sent (postgres)', () => {
  let testDb: TestDatabase;
  let database: Database<TestDB>;
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const titleOf = (text: string) => (id: unknown) =>
    database.db
      .executeQuery(CompiledQuery.raw(text, [id]))
      .then((result) => (result.rows[0] as { title?: string } | undefined)?.title);

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres', 'unsendable');
    database = openDatabase<TestDB>({ ...testDb.options, poolSize: 1 });
    await createDocs(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('fails alone on the read pipeline, and the reads beside and after it are answered', async () => {
    const text = 'select title from doc where id = $1::int and true';
    markLoaderRead(text);
    const title = titleOf(text);
    expect(await title(1)).toBe('one');
    const [unsendable, beside, again] = await Promise.allSettled([
      title(circular),
      title(2),
      title(1),
    ]);
    expect(unsendable).toMatchObject({ status: 'rejected', reason: { name: 'TypeError' } });
    expect(beside).toEqual({ status: 'fulfilled', value: 'two' });
    expect(again).toEqual({ status: 'fulfilled', value: 'one' });
    for (const id of [2, 1, 2]) expect(await title(id)).toBe(id === 1 ? 'one' : 'two');
  });

  it('fails alone on a pooled connection, which is replaced', async () => {
    const title = titleOf('select title from doc where id = $1::int and 1 = 1');
    const backend = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]
        ?.pid;
    expect(await title(1)).toBe('one');
    const before = await backend();
    await expect(title(circular)).rejects.toMatchObject({ name: 'TypeError' });
    expect(await title(2)).toBe('two');
    const after = await backend();
    expect(after).toBeTypeOf('number');
    expect(after).not.toBe(before);
    expect(await title(1)).toBe('one');
  });
});

describe('mustPrepareAgain', () => {
  it('covers a stale plan and a statement gone, and nothing else', () => {
    expect(mustPrepareAgain({ code: '0A000', routine: 'RevalidateCachedQuery' })).toBe(true);
    expect(mustPrepareAgain({ code: '26000', routine: 'FetchPreparedStatement' })).toBe(true);
    expect(mustPrepareAgain({ code: '0A000', routine: 'transformSelectStmt' })).toBe(false);
    expect(mustPrepareAgain({ code: '22012' })).toBe(false);
    expect(mustPrepareAgain(new TypeError('Converting circular structure to JSON'))).toBe(false);
    expect(mustPrepareAgain(null)).toBe(false);
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
