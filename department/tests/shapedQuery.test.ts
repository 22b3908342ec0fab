import { createTestDatabase, ENGINES, type TestDatabase } from '@govgraph/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/index.js';
import { runShaped } from '../src/db/shapedQuery.js';

// runShaped compiles a statement once per database and shape and sends later runs the kept
// text with their own values. These tests try to make a kept text answer for other values,
// another list length, another database, or values that do not line up with it.

interface TestDB {
  item: { id: number; name: string; kind: string };
}

const createItems = (database: Database<TestDB>) =>
  database.db.schema
    .createTable('item')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

describe.each(ENGINES)('shaped queries on %s', (engine) => {
  let testDb: TestDatabase;
  let database: Database<TestDB>;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, 'shaped');
    database = openDatabase<TestDB>(testDb.options);
    await createItems(database);
    await database.db
      .insertInto('item')
      .values(
        [1, 2, 3, 4, 5].map((id) => ({ id, name: `item ${id}`, kind: id % 2 ? 'odd' : 'even' })),
      )
      .execute();
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  /** Items by ID and kind; counts how often the statement is built. */
  const counted = () => {
    let builds = 0;
    const run = (ids: readonly number[], kind: string) =>
      runShaped(
        database.db,
        `test-items|${ids.length}`,
        () => {
          builds++;
          return sql<{ id: number; name: string }>`
            select id, name from item where id in (${sql.join(ids)}) and kind = ${kind} order by id`;
        },
        [...ids, kind],
      );
    return { run, builds: () => builds };
  };

  it('builds a shape once, and each run answers for its own values', async () => {
    const { run, builds } = counted();
    expect(await run([1, 2, 3], 'odd')).toEqual([
      { id: 1, name: 'item 1' },
      { id: 3, name: 'item 3' },
    ]);
    expect(await run([2, 4, 5], 'even')).toEqual([
      { id: 2, name: 'item 2' },
      { id: 4, name: 'item 4' },
    ]);
    expect(await run([5, 1, 9], 'odd')).toEqual([
      { id: 1, name: 'item 1' },
      { id: 5, name: 'item 5' },
    ]);
    // Three runs, one build.
    expect(builds()).toBe(1);
    expect(await counted().run([4], 'even')).toEqual([{ id: 4, name: 'item 4' }]);
  });

  it('builds another text for another list length', async () => {
    const { run, builds } = counted();
    const before = builds();
    expect(await run([1, 2, 3, 4, 5, 6, 7], 'even')).toEqual([
      { id: 2, name: 'item 2' },
      { id: 4, name: 'item 4' },
    ]);
    expect(builds()).toBe(before + 1);
    expect(await run([1, 2, 3, 4, 5, 6, 8], 'odd')).toHaveLength(3);
    expect(builds()).toBe(before + 1);
  });

  it('keeps texts per database: another database builds its own', async () => {
    const other = await createTestDatabase(engine, 'shaped_other');
    const second = openDatabase<TestDB>(other.options);
    try {
      await createItems(second);
      await second.db
        .insertInto('item')
        .values({ id: 1, name: 'elsewhere', kind: 'odd' })
        .execute();
      let builds = 0;
      const rows = await runShaped(
        second.db,
        'test-items|1',
        () => {
          builds++;
          return sql<{ id: number; name: string }>`
            select id, name from item where id in (${sql.join([1])}) and kind = ${'odd'} order by id`;
        },
        [1, 'odd'],
      );
      expect(rows).toEqual([{ id: 1, name: 'elsewhere' }]);
      expect(builds).toBe(1);
    } finally {
      await second.close();
      await other.drop();
    }
  });

  it('refuses values that do not line up with the statement, running nothing', async () => {
    database.statements.reset();
    await expect(
      runShaped(
        database.db,
        'test-misaligned',
        () => sql`select id from item where id = ${1} and kind = ${'odd'}`,
        ['odd', 1],
      ),
    ).rejects.toThrow('shaped query test-misaligned: its parameters do not match');
    await expect(
      runShaped(database.db, 'test-short', () => sql`select id from item where id = ${1}`, []),
    ).rejects.toThrow('do not match');
    expect(database.statements.total).toBe(0);
  });
});
