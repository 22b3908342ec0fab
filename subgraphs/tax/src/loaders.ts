import { createListLoader, createPageLoader, createRowLoader } from '@govgraph/department/db';
import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type {
  EnterpriseTaxAccountRow,
  MajorTaxViolationRow,
  PersonTaxAccountRow,
  PersonTaxYearRow,
  TaxDB,
  TaxFilingRow,
} from './db/schema.js';

export interface TaxLoaders {
  personAccount: DataLoader<string, PersonTaxAccountRow | null>;
  /** Every year on record for a person, newest first (a handful each, so no pagination). */
  personYears: DataLoader<string, PersonTaxYearRow[]>;
  enterpriseAccount: DataLoader<string, EnterpriseTaxAccountRow | null>;
  filings: ReturnType<typeof createPageLoader<TaxDB, TaxFilingRow>>;
  majorViolations: ReturnType<typeof createPageLoader<TaxDB, MajorTaxViolationRow>>;
}

/** Loaders for one request: every list of N people or companies costs one statement per kind, not N. */
export function createLoaders(db: Kysely<TaxDB>): TaxLoaders {
  return {
    personAccount: createRowLoader<TaxDB, PersonTaxAccountRow>(db, {
      table: 'person_tax_account',
      keyColumn: 'national_id',
    }),
    personYears: createListLoader<TaxDB, PersonTaxYearRow>(db, {
      table: 'person_tax_year',
      parentColumn: 'national_id',
      orderBy: ['year desc'],
    }),
    enterpriseAccount: createRowLoader<TaxDB, EnterpriseTaxAccountRow>(db, {
      table: 'enterprise_tax_account',
      keyColumn: 'credit_code',
    }),
    filings: createPageLoader<TaxDB, TaxFilingRow>(db, {
      table: 'tax_filing',
      parentColumn: 'credit_code',
      orderBy: ['filed_on desc', 'tax_kind', 'period desc'],
    }),
    majorViolations: createPageLoader<TaxDB, MajorTaxViolationRow>(db, {
      table: 'major_violation',
      parentColumn: 'credit_code',
      orderBy: ['decided_on desc', 'case_number'],
    }),
  };
}
