import { type Database, type Engine, migrateToLatest, openDatabase } from '@govgraph/department/db';
import { createTestDatabase, ENGINES, type TestDatabase } from '@govgraph/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialMigration } from '../src/db/migrations/0001_initial.js';
import { complaintsMigrations } from '../src/db/migrations/index.js';
import type { ComplaintsDB, ComplaintTable, TicketCounterTable } from '../src/db/schema.js';

// 0002 adds who closed a complaint on a database that already holds complaints.

/** The tables as 0001_initial made them. */
interface Before {
  complaint: Omit<ComplaintTable, 'resolved_by_operator' | 'resolved_by_agency'>;
  ticket_counter: TicketCounterTable;
}

const resolvedBefore = {
  id: '12345-2024-000007',
  filed_at: '2024-05-01T08:30:00+08:00',
  complainant_id: '110105194912310020',
  against_code: '91350100M000100Y43',
  category: 'PRICING',
  description: '明码标价与结账价格不一致。',
  status: 'RESOLVED',
  handling_department: '市场监督管理局',
  resolution: '已责令商家退还差价。',
  resolved_at: '2024-05-09T16:00:00+08:00',
} as const;
const open = {
  ...resolvedBefore,
  id: '12345-2024-000008',
  status: 'RECEIVED',
  resolution: null,
  resolved_at: null,
} as const;

describe.each(ENGINES)('complaints migration 0002 on %s', (engine: Engine) => {
  let testDb: TestDatabase;
  let database: Database<ComplaintsDB>;

  beforeEach(async () => {
    testDb = await createTestDatabase(engine, 'complaints_migration');
    const before = openDatabase<Before>(testDb.options);
    await migrateToLatest(before.db, { '0001_initial': initialMigration(engine) });
    await before.db.insertInto('complaint').values([resolvedBefore, open]).execute();
    await before.db.insertInto('ticket_counter').values({ year: 2024, last_serial: 8 }).execute();
    await before.close();
    database = openDatabase<ComplaintsDB>(testDb.options);
    await migrateToLatest(database.db, complaintsMigrations(engine));
  });
  afterEach(async () => {
    await database.close();
    await testDb.drop();
  });

  it('keeps every complaint and the counter, with no one recorded as having closed the old ones', async () => {
    const rows = await database.db.selectFrom('complaint').selectAll().orderBy('id').execute();
    const unknownCloser = { resolved_by_operator: null, resolved_by_agency: null };
    expect(rows).toEqual([
      { ...resolvedBefore, ...unknownCloser },
      { ...open, ...unknownCloser },
    ]);
    expect(await database.db.selectFrom('ticket_counter').selectAll().execute()).toEqual([
      { year: 2024, last_serial: 8 },
    ]);
  });
});
