import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { keepingStatements } from '../src/db/statementCache.js';

// Kysely's SQLite driver prepares every query it runs; keepingStatements keeps what it prepared.
// These tests run real SQLite (in memory) and count the prepares the driver asks the database
// for, then try to make a kept statement answer wrongly: other values, a changed schema, a
// stream left half-read, a statement that failed, more distinct statements than it keeps.

interface TestDB {
  person: { id: number; name: string };
}

let open: { sqlite: SQLite.Database; db: Kysely<TestDB> } | undefined;

/** An in-memory database behind Kysely with kept statements, and its count of real prepares. */
function database(size?: number) {
  const sqlite = new SQLite(':memory:');
  const prepared: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    prepared.push(text);
    return prepare(text);
  }) as typeof sqlite.prepare;
  const db = new Kysely<TestDB>({
    dialect: new SqliteDialect({ database: keepingStatements(sqlite, size) }),
  });
  open = { sqlite, db };
  return { db, prepared };
}

async function people(db: Kysely<TestDB>, count: number) {
  await db.schema
    .createTable('person')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  for (let id = 1; id <= count; id++) {
    await db
      .insertInto('person')
      .values({ id, name: `person ${id}` })
      .execute();
  }
}

const byId = (db: Kysely<TestDB>, id: number) =>
  db.selectFrom('person').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

afterEach(async () => {
  await open?.db.destroy();
  open = undefined;
});

describe('kept SQLite statements', () => {
  it('prepares a query once however often it runs, each run with its own values', async () => {
    const { db, prepared } = database();
    await people(db, 5);
    // The five inserts share one statement.
    expect(prepared.filter((s) => s.startsWith('insert'))).toHaveLength(1);
    const before = prepared.length;
    const names = [];
    for (const id of [3, 1, 5, 2, 4, 3]) names.push((await byId(db, id))?.name);
    expect(names).toEqual([3, 1, 5, 2, 4, 3].map((id) => `person ${id}`));
    expect(prepared.length - before).toBe(1);
    // A value that matches nothing leaves nothing of the last run's behind.
    expect(await byId(db, 99)).toBeUndefined();
  });

  it('answers from the changed schema after a column is added and the table made anew', async () => {
    const { db } = database();
    await people(db, 2);
    const all = () => sql<Record<string, unknown>>`select * from person order by id`.execute(db);
    expect((await all()).rows).toEqual([
      { id: 1, name: 'person 1' },
      { id: 2, name: 'person 2' },
    ]);
    await sql`alter table person add column city text not null default 'Jinan'`.execute(db);
    expect((await all()).rows[0]).toEqual({ id: 1, name: 'person 1', city: 'Jinan' });
    await sql`drop table person`.execute(db);
    // The same text against a table that is gone fails as a fresh statement would, and works
    // again once it is back, with its new columns.
    await expect(all()).rejects.toThrow(/no such table: person/);
    await sql`create table person (id integer primary key, alias text)`.execute(db);
    await sql`insert into person (id, alias) values (7, 'seven')`.execute(db);
    expect((await all()).rows).toEqual([{ id: 7, alias: 'seven' }]);
  });

  it('runs a query again after a stream over it was left half-read', async () => {
    const { db, prepared } = database();
    await people(db, 4);
    const query = db.selectFrom('person').select('name').orderBy('id');
    const seen: string[] = [];
    for await (const row of query.stream()) {
      seen.push(row.name);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['person 1', 'person 2']);
    // The same statement, no longer busy with the abandoned iteration.
    expect((await query.execute()).map((r) => r.name)).toEqual([
      'person 1',
      'person 2',
      'person 3',
      'person 4',
    ]);
    expect(prepared.filter((s) => s.startsWith('select "name"'))).toHaveLength(1);
  });

  it('runs a statement again after one of its runs failed, inside a rolled-back transaction too', async () => {
    const { db } = database();
    await people(db, 1);
    const insert = (id: number) =>
      db
        .insertInto('person')
        .values({ id, name: `person ${id}` })
        .execute();
    await expect(insert(1)).rejects.toThrow(/UNIQUE constraint failed/);
    await insert(2);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('person').values({ id: 3, name: 'person 3' }).execute();
        await trx.insertInto('person').values({ id: 3, name: 'again' }).execute();
      }),
    ).rejects.toThrow(/UNIQUE constraint failed/);
    // Nothing of the failed transaction stayed; the kept statements still work.
    await insert(4);
    const ids = await db.selectFrom('person').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual([1, 2, 4]);
  });

  it('keeps no more statements than its size, the least recently used going first', async () => {
    const { db, prepared } = database(2);
    await people(db, 3);
    const byName = (name: string) =>
      db.selectFrom('person').select('id').where('name', '=', name).executeTakeFirst();
    const count = () => db.selectFrom('person').select(sql<number>`count(*)`.as('n')).execute();
    prepared.length = 0;
    await byId(db, 1); // prepared
    await byName('person 2'); // prepared
    await byId(db, 2); // kept
    await count(); // prepared; the query by name, least recently used, goes
    await byId(db, 3); // kept
    expect(await byName('person 3')).toEqual({ id: 3 }); // prepared again
    expect(prepared.map((s) => s.split(' where ')[0]?.slice(0, 30))).toEqual([
      'select "id", "name" from "pers',
      'select "id" from "person"',
      'select count(*) as "n" from "p',
      'select "id" from "person"',
    ]);
  });

  it('closes the database with Kysely', async () => {
    const { db } = database();
    const { sqlite } = open ?? {};
    await people(db, 1);
    await db.destroy();
    open = undefined;
    expect(sqlite?.open).toBe(false);
  });
});
