import { createTestDatabase, ENGINES, type TestDatabase } from '@govgraph/testing';
import type { Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createListLoader,
  createPageLoader,
  createRowLoader,
  type Database,
  encodeCursor,
  insertInBatches,
  MAX_PAGE_SIZE,
  migrateToLatest,
  openDatabase,
  type Page,
  type PageWindow,
  pageWindow,
  toPage,
} from '../src/db/index.js';

interface PenaltyRow {
  id: number;
  credit_code: string;
  decided_on: string;
  amount: string;
}
interface FilingRow {
  id: number;
  taxpayer_id: number;
  period: string;
}
interface TestDB {
  penalty: PenaltyRow;
  filing: FilingRow;
}

const migrations: Record<string, Migration> = {
  '001_penalty': {
    up: async (db) => {
      await db.schema
        .createTable('penalty')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('credit_code', 'text', (c) => c.notNull())
        .addColumn('decided_on', 'text', (c) => c.notNull())
        .addColumn('amount', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('filing')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('taxpayer_id', 'integer', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

// Parents with 12, 7, 3 and 0 penalties; decision dates repeat, so `id` must break the ties.
const PENALTIES_PER_PARENT: Record<string, number> = { A: 7, B: 3, C: 0, D: 12 };
const penalties: PenaltyRow[] = [];
for (const [parent, n] of Object.entries(PENALTIES_PER_PARENT)) {
  for (let i = 0; i < n; i++) {
    penalties.push({
      id: penalties.length + 1,
      credit_code: parent,
      decided_on: `2024-0${1 + (i % 4)}-15`,
      amount: `${100 * (i + 1)}.00`,
    });
  }
}
// Inserted in an order unrelated to the page order, so the database has to do the sorting.
const shuffled = [...penalties].sort((a, b) => ((a.id * 7919) % 101) - ((b.id * 7919) % 101));

/** The page a parent should get, computed here from the rows, not by the code under test. */
function expectedPage(parent: string, offset: number, limit: number): Page<PenaltyRow> {
  const all = penalties
    .filter((p) => p.credit_code === parent)
    .sort((a, b) => b.decided_on.localeCompare(a.decided_on) || a.id - b.id);
  const nodes = all.slice(offset, offset + limit);
  return {
    nodes,
    totalCount: all.length,
    pageInfo: {
      hasNextPage: offset + limit < all.length,
      endCursor: nodes.length > 0 ? encodeCursor(offset + nodes.length) : null,
    },
  };
}

describe.each(ENGINES)('createPageLoader on %s', (engine) => {
  let testDb: TestDatabase;
  let database: Database<TestDB>;

  const penaltyLoader = () =>
    createPageLoader<TestDB, PenaltyRow>(database.db, {
      table: 'penalty',
      parentColumn: 'credit_code',
      orderBy: ['decided_on desc', 'id'],
    });

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, 'schema_pages');
    database = openDatabase<TestDB>(testDb.options);
    await migrateToLatest(database.db, migrations);
    await insertInBatches(database.db, 'penalty', shuffled);
    await insertInBatches(database.db, 'filing', [
      { id: 1, taxpayer_id: 10, period: '2023' },
      { id: 2, taxpayer_id: 10, period: '2024' },
      { id: 3, taxpayer_id: 11, period: '2024' },
    ]);
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('gives every parent of a batch its own slice, total and cursor in one SELECT', async () => {
    const loader = penaltyLoader();
    const window = pageWindow({ first: 5 }, 'LegalEntity.penalties');
    const parents = ['D', 'C', 'A', 'B'];
    database.statements.reset();
    const pages = await Promise.all(parents.map((parent) => loader.load({ parent, window })));
    expect(database.statements.count('select')).toBe(1);
    expect(database.statements.total).toBe(1);
    expect(pages).toEqual(parents.map((parent) => expectedPage(parent, 0, 5)));
    expect(pages.map((p) => [p.totalCount, p.pageInfo.hasNextPage])).toEqual([
      [12, true],
      [0, false],
      [7, true],
      [3, false],
    ]);
  });

  it('follows endCursor to the next slice, again in one SELECT for the batch', async () => {
    const parents = ['D', 'A'];
    const seen = new Map<string, number[]>(parents.map((p) => [p, []]));
    let cursors = new Map<string, string | null>(parents.map((p) => [p, null]));
    let offset = 0;
    while (cursors.size > 0) {
      const loader = penaltyLoader(); // a new request, as a client following the cursor makes
      const asked = [...cursors];
      database.statements.reset();
      const pages = await loader.loadMany(
        asked.map(([parent, after]) => ({
          parent,
          window: pageWindow({ first: 5, after }, 'LegalEntity.penalties'),
        })),
      );
      expect(database.statements.count('select')).toBe(1);
      const next = new Map<string, string | null>();
      asked.forEach(([parent], i) => {
        const page = pages[i] as Page<PenaltyRow>;
        expect(page).toEqual(expectedPage(parent, offset, 5));
        seen.get(parent)?.push(...page.nodes.map((n) => n.id));
        if (page.pageInfo.hasNextPage) next.set(parent, page.pageInfo.endCursor);
      });
      cursors = next;
      offset += 5;
    }
    for (const parent of parents) {
      expect(seen.get(parent)).toEqual(expectedPage(parent, 0, 100).nodes.map((n) => n.id));
    }
  });

  it('returns one result per key, in the order asked, repeated keys included', async () => {
    const loader = penaltyLoader();
    const window: PageWindow = { offset: 0, limit: 2 };
    const keys = ['B', 'nobody', 'A', 'B', 'D'].map((parent) => ({ parent, window }));
    const pages = await loader.loadMany(keys);
    expect(pages).toHaveLength(keys.length);
    expect(pages).toEqual(keys.map((k) => expectedPage(k.parent, 0, 2)));
  });

  it('sends one SELECT per distinct window in a batch', async () => {
    const loader = penaltyLoader();
    database.statements.reset();
    const pages = await loader.loadMany([
      { parent: 'A', window: { offset: 0, limit: 3 } },
      { parent: 'D', window: { offset: 0, limit: 3 } },
      { parent: 'D', window: { offset: 3, limit: 3 } },
    ]);
    expect(database.statements.count('select')).toBe(2);
    expect(pages).toEqual([
      expectedPage('A', 0, 3),
      expectedPage('D', 0, 3),
      expectedPage('D', 3, 3),
    ]);
  });

  it('applies equality filters per group: same filters share a SELECT, totals count the filtered rows', async () => {
    const loader = penaltyLoader();
    const window = { offset: 0, limit: 20 };
    database.statements.reset();
    const [aMarch, dMarch, dAll] = await Promise.all([
      loader.load({ parent: 'A', window, filters: { decided_on: '2024-03-15' } }),
      loader.load({ parent: 'D', window, filters: { decided_on: '2024-03-15' } }),
      loader.load({ parent: 'D', window }),
    ]);
    expect(database.statements.count('select')).toBe(2);
    const march = (parent: string) =>
      penalties
        .filter((p) => p.credit_code === parent && p.decided_on === '2024-03-15')
        .sort((a, b) => a.id - b.id);
    expect(aMarch?.nodes).toEqual(march('A'));
    expect(aMarch?.totalCount).toBe(march('A').length);
    expect(dMarch?.nodes).toEqual(march('D'));
    expect(dMarch?.totalCount).toBe(3);
    expect(dAll).toEqual(expectedPage('D', 0, 20));
  });

  it('serves parents keyed by an integer column', async () => {
    const loader = createPageLoader<TestDB, FilingRow>(database.db, {
      table: 'filing',
      parentColumn: 'taxpayer_id',
      orderBy: ['period desc'],
    });
    const window: PageWindow = { offset: 0, limit: 5 };
    const [ten, eleven] = await Promise.all([
      loader.load({ parent: '10', window }),
      loader.load({ parent: '11', window }),
    ]);
    expect(ten?.nodes.map((n) => n.period)).toEqual(['2024', '2023']);
    expect(ten?.totalCount).toBe(2);
    expect(eleven?.nodes.map((n) => n.id)).toEqual([3]);
  });

  it('createRowLoader finds the row of each key in one statement, null where there is none', async () => {
    const loader = createRowLoader<TestDB, PenaltyRow>(database.db, {
      table: 'penalty',
      keyColumn: 'id',
    });
    database.statements.reset();
    const rows = await Promise.all(['3', '999', '1'].map((id) => loader.load(id)));
    expect(rows).toEqual([penalties[2], null, penalties[0]]);
    expect(database.statements.count('select')).toBe(1);
  });

  it('createListLoader reads the whole list of every parent in one statement, in order', async () => {
    const loader = createListLoader<TestDB, PenaltyRow>(database.db, {
      table: 'penalty',
      parentColumn: 'credit_code',
      orderBy: ['decided_on desc', 'id'],
    });
    database.statements.reset();
    const [b, c, a] = await Promise.all(['B', 'C', 'A'].map((parent) => loader.load(parent)));
    expect(b).toEqual(expectedPage('B', 0, 20).nodes);
    expect(c).toEqual([]);
    expect(a).toEqual(expectedPage('A', 0, 20).nodes);
    expect(database.statements.count('select')).toBe(1);
  });
});

describe('pageWindow', () => {
  it('defaults to the first 20 and reads a cursor it issued', () => {
    expect(pageWindow({}, 'Person.children')).toEqual({ offset: 0, limit: 20 });
    expect(pageWindow({ first: null, after: null }, 'Person.children')).toEqual({
      offset: 0,
      limit: 20,
    });
    expect(pageWindow({ first: 100, after: encodeCursor(40) }, 'Person.children')).toEqual({
      offset: 40,
      limit: 100,
    });
  });

  it.each([0, MAX_PAGE_SIZE + 1, -1, 2.5])('refuses first: %s with INVALID_ARGUMENT', (first) => {
    expect(() => pageWindow({ first }, 'LegalEntity.penalties')).toThrowError(
      expect.objectContaining({
        message: `LegalEntity.penalties(first: ${first}) is out of range: ask for 1 to 100 items and follow pageInfo.endCursor for more.`,
        extensions: { code: 'INVALID_ARGUMENT', argument: 'first' },
      }),
    );
  });

  it.each([
    ['not base64', 'not a cursor!'],
    ['another version', Buffer.from('v2:5').toString('base64url')],
    ['a negative position', Buffer.from('v1:-1').toString('base64url')],
    ['trailing text', Buffer.from('v1:5 or 1=1').toString('base64url')],
    ['empty', ''],
  ])('refuses a forged cursor (%s) with INVALID_ARGUMENT', (_what, after) => {
    expect(() => pageWindow({ first: 5, after }, 'LegalEntity.penalties')).toThrowError(
      expect.objectContaining({
        message: `LegalEntity.penalties(after: ${JSON.stringify(after)}) is not a cursor from this list: pass pageInfo.endCursor of the previous page.`,
        extensions: { code: 'INVALID_ARGUMENT', argument: 'after' },
      }),
    );
  });
});

describe('toPage', () => {
  it('uses the extra row only to tell that there is a next page', () => {
    expect(toPage(['a', 'b', 'c'], { offset: 10, limit: 2 }, 13)).toEqual({
      nodes: ['a', 'b'],
      totalCount: 13,
      pageInfo: { hasNextPage: true, endCursor: encodeCursor(12) },
    });
    expect(toPage(['a'], { offset: 12, limit: 2 }, 13)).toEqual({
      nodes: ['a'],
      totalCount: 13,
      pageInfo: { hasNextPage: false, endCursor: encodeCursor(13) },
    });
  });
});
