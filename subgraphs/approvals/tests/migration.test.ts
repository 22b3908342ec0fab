import { type Database, type Engine, migrateToLatest, openDatabase } from '@govgraph/department/db';
import { createTestDatabase, ENGINES, type TestDatabase } from '@govgraph/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as initial from '../src/db/migrations/0001_initial.js';
import { approvalsMigrations } from '../src/db/migrations/index.js';
import type { ApplicationTable, ApprovalsDB, ReviewTable } from '../src/db/schema.js';

/** The tables as 0001_initial made them. */
interface Before {
  application: Omit<ApplicationTable, 'submitted_by'>;
  review: Omit<ReviewTable, 'reviewer_agency'>;
}

// 0002 scopes idempotency keys by submitter on a database that already holds applications.

const OLD_KEY = 'old-key-0000001';
const keyed = {
  id: 'SP20250314-N000000000001',
  applicant_national_id: null,
  applicant_credit_code: '91350100M000100Y43',
  kind: 'FIRE_SAFETY_INSPECTION',
  site_building_id: null,
  status: 'PENDING',
  submitted_at: '2025-03-14T09:30:00+08:00',
  decided_at: null,
  idempotency_key: OLD_KEY,
} as const;
const bulk = { ...keyed, id: 'SP20240101-C0042-1', idempotency_key: null };
const reviews = [
  {
    application_id: keyed.id,
    department: 'FIRE_SERVICE',
    position: 0,
    status: 'APPROVED',
    decided_at: '2025-03-15T10:00:00+08:00',
    comment: '符合规范',
    reviewer_id: 'XF-1',
  },
  {
    application_id: keyed.id,
    department: 'HOUSING_CONSTRUCTION',
    position: 1,
    status: 'PENDING',
    decided_at: null,
    comment: null,
    reviewer_id: null,
  },
] as const;

describe.each(ENGINES)('migration 0002 on %s', (engine: Engine) => {
  let testDb: TestDatabase;
  let database: Database<ApprovalsDB>;

  beforeEach(async () => {
    testDb = await createTestDatabase(engine, 'approvals_migration');
    // A database as 0001 left it, holding applications, closed; then opened as the platform does.
    const before = openDatabase<Before>(testDb.options);
    await migrateToLatest(before.db, { '0001_initial': initial });
    await before.db.insertInto('application').values([keyed, bulk]).execute();
    await before.db
      .insertInto('review')
      .values([...reviews])
      .execute();
    await before.close();
    database = openDatabase<ApprovalsDB>(testDb.options);
    await migrateToLatest(database.db, approvalsMigrations(engine));
  });
  afterEach(async () => {
    await database.close();
    await testDb.drop();
  });

  const application = (id: string) =>
    database.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();

  it('keeps every application, with the submitter legacy, and every review', async () => {
    expect(await application(keyed.id)).toEqual({ ...keyed, submitted_by: 'legacy' });
    expect(await application(bulk.id)).toEqual({ ...bulk, submitted_by: 'legacy' });
    const kept = await database.db.selectFrom('review').selectAll().orderBy('position').execute();
    expect(kept).toEqual(reviews.map((r) => ({ ...r, reviewer_agency: null })));
  });

  it('makes a key unique per submitter, no longer across submitters', async () => {
    const row = (id: string, submitted_by: string) => ({ ...keyed, id, submitted_by });
    await database.db.insertInto('application').values(row('SP-NEW-1', 'agency-b')).execute();
    await expect(
      database.db.insertInto('application').values(row('SP-NEW-2', 'legacy')).execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    await expect(
      database.db.insertInto('application').values(row('SP-NEW-3', 'agency-b')).execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    const owners = await database.db
      .selectFrom('application')
      .select('submitted_by')
      .where('idempotency_key', '=', OLD_KEY)
      .orderBy('submitted_by')
      .execute();
    expect(owners).toEqual([{ submitted_by: 'agency-b' }, { submitted_by: 'legacy' }]);
  });

  it('still refuses a review of an application that does not exist', async () => {
    await expect(
      database.db
        .insertInto('review')
        .values({ ...reviews[1], application_id: 'SP-MISSING', reviewer_agency: null })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('still refuses an application with two applicants', async () => {
    await expect(
      database.db
        .insertInto('application')
        .values({
          ...keyed,
          id: 'SP-BOTH',
          applicant_national_id: '110105194912310020',
          submitted_by: 'agency-b',
          idempotency_key: null,
        })
        .execute(),
    ).rejects.toThrow(/check|application_one_applicant/i);
  });
});
