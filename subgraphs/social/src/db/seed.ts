import { socialRecordOf, type World } from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import { parseCents } from '@govgraph/schema';
import type { Insertable } from 'kysely';
import type {
  ContributionTable,
  EmploymentTable,
  InsuranceRecordTable,
  SocialDB,
} from './schema.js';

// The employer-code indexes (migration 0001) are rebuilt once after the bulk load: kept up to
// date through 13 million inserts in random key order they cost more than building them anew.
const BULK_INDEXES = [
  { name: 'employment_employer', table: 'employment', column: 'employer_code' },
  { name: 'contribution_employer', table: 'contribution', column: 'employer_code' },
] as const;

// People per round trip: about 270,000 contribution rows, written in one transaction per table.
const CHUNK = 20_000;

/** Replaces the agency's contents with the synthetic world's employers, records and contributions. */
export async function seedSocial(
  database: Database<SocialDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  await db.deleteFrom('contribution').execute();
  await db.deleteFrom('employment').execute();
  await db.deleteFrom('insurance_record').execute();
  await db.deleteFrom('employer').execute();
  // Every entity of the world registers as an employer; rows below name them by index.
  const creditCodes: string[] = [];
  for (let from = 0; from < world.companyCount; from += CHUNK) {
    const codes = [...world.companies(from, from + CHUNK)].map((c) => c.creditCode);
    creditCodes.push(...codes);
    await insertInBatches(
      db,
      'employer',
      codes.map((credit_code) => ({ credit_code })),
    );
    progress?.('employer', creditCodes.length, world.companyCount);
  }
  const codeOf = (j: number | null) => (j === null ? null : (creditCodes[j] ?? null));
  for (const index of BULK_INDEXES) await db.schema.dropIndex(index.name).ifExists().execute();
  const total = world.peopleCount;
  for (let from = 0; from < total; from += CHUNK) {
    const records: Insertable<InsuranceRecordTable>[] = [];
    const jobs: Insertable<EmploymentTable>[] = [];
    const contributions: Insertable<ContributionTable>[] = [];
    for (const person of world.persons(from, from + CHUNK)) {
      const record = socialRecordOf(world, person.index, person);
      if (!record) continue;
      const national_id = person.nationalId;
      const record_no = person.index;
      records.push({
        national_id,
        record_no,
        pension_status: record.pensionStatus,
        insured_since: record.insuredSince,
        monthly_pension_cents:
          record.monthlyPension === null ? null : parseCents(record.monthlyPension),
      });
      const job = record.employment;
      if (job) {
        jobs.push({
          national_id,
          employer_code: codeOf(job.employerIndex) ?? '',
          since: job.since,
          position: job.position,
        });
      }
      for (const c of record.contributions) {
        contributions.push({
          record_no,
          period: c.period,
          employer_code: codeOf(c.employerIndex),
          base_cents: parseCents(c.contributionBase),
          amount_cents: parseCents(c.amount),
        });
      }
    }
    await insertInBatches(db, 'insurance_record', records);
    await insertInBatches(db, 'employment', jobs);
    await insertInBatches(db, 'contribution', contributions);
    progress?.('insurance_record', Math.min(total, from + CHUNK), total);
  }
  for (const index of BULK_INDEXES) {
    await db.schema.createIndex(index.name).on(index.table).column(index.column).execute();
  }
}

export function isSocialSeeded(database: Database<SocialDB>): Promise<boolean> {
  return hasRows(database.db, 'employer');
}
