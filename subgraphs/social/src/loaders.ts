import { createPageLoader, createRowLoader } from '@govgraph/department/db';
import DataLoader from 'dataloader';
import { type Kysely, sql } from 'kysely';
import type { ContributionRow, EmploymentRow, InsuranceRecordRow, SocialDB } from './db/schema.js';

export interface SocialLoaders {
  record: DataLoader<string, InsuranceRecordRow | null>;
  employment: DataLoader<string, EmploymentRow | null>;
  /** Current insured employees by credit code; null for an entity not registered as employer. */
  insuredEmployees: DataLoader<string, number | null>;
  contributions: ReturnType<typeof createPageLoader<SocialDB, ContributionRow>>;
}

/** Loaders for one request: every list of N people or companies costs one statement per kind, not N. */
export function createLoaders(db: Kysely<SocialDB>): SocialLoaders {
  return {
    record: createRowLoader<SocialDB, InsuranceRecordRow>(db, {
      table: 'insurance_record',
      keyColumn: 'national_id',
    }),
    employment: createRowLoader<SocialDB, EmploymentRow>(db, {
      table: 'employment',
      keyColumn: 'national_id',
    }),
    // Counted when asked (an index-only count per employer), so the figure never drifts from
    // the employment rows it summarises.
    insuredEmployees: new DataLoader(async (codes) => {
      const rows = await db
        .selectFrom('employer')
        .leftJoin('employment', 'employment.employer_code', 'employer.credit_code')
        .select(['employer.credit_code', sql<number>`count(employment.national_id)`.as('insured')])
        .where('employer.credit_code', 'in', codes)
        .groupBy('employer.credit_code')
        .execute();
      const byCode = new Map(rows.map((r) => [r.credit_code, Number(r.insured)]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    contributions: createPageLoader<SocialDB, ContributionRow>(db, {
      table: 'contribution',
      parentColumn: 'record_no',
      orderBy: ['period desc'],
    }),
  };
}
