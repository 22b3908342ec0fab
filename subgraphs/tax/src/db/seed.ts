import { enterpriseTaxRecord, personTaxRecord, type World } from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import { parseCents } from '@govgraph/schema';
import type { Insertable } from 'kysely';
import type {
  EnterpriseRatingTable,
  EnterpriseTaxAccountTable,
  MajorViolationTable,
  PersonTaxAccountTable,
  PersonTaxYearTable,
  TaxDB,
  TaxFilingTable,
} from './schema.js';

const PEOPLE_CHUNK = 20_000;
// About 20 returns a company: a chunk of companies is about as many rows as a chunk of people.
const COMPANY_CHUNK = 5_000;

/** Replaces the administration's contents with the synthetic world's tax records. */
export async function seedTax(
  database: Database<TaxDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  for (const table of [
    'person_tax_year',
    'person_tax_account',
    'major_violation',
    'tax_filing',
    'enterprise_rating',
    'enterprise_tax_account',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
  await seedPeople(database, world, progress);
  await seedCompanies(database, world, progress);
}

async function seedPeople(database: Database<TaxDB>, world: World, progress?: SeedProgress) {
  const total = world.peopleCount;
  for (let from = 0; from < total; from += PEOPLE_CHUNK) {
    const to = Math.min(total, from + PEOPLE_CHUNK);
    const accounts: Insertable<PersonTaxAccountTable>[] = [];
    const years: Insertable<PersonTaxYearTable>[] = [];
    for (const person of world.persons(from, to)) {
      const record = personTaxRecord(world, person.index, person);
      if (!record) continue;
      accounts.push({ national_id: record.nationalId, arrears_cents: parseCents(record.arrears) });
      for (const y of record.years) {
        years.push({
          national_id: record.nationalId,
          year: y.year,
          declared_income_cents: parseCents(y.declaredIncome),
          tax_paid_cents: parseCents(y.taxPaid),
        });
      }
    }
    await insertInBatches(database.db, 'person_tax_account', accounts);
    await insertInBatches(database.db, 'person_tax_year', years);
    progress?.('person_tax_account', to, total);
  }
}

async function seedCompanies(database: Database<TaxDB>, world: World, progress?: SeedProgress) {
  const total = world.companyCount;
  for (let from = 0; from < total; from += COMPANY_CHUNK) {
    const to = Math.min(total, from + COMPANY_CHUNK);
    const accounts: Insertable<EnterpriseTaxAccountTable>[] = [];
    const ratings: Insertable<EnterpriseRatingTable>[] = [];
    const filings: Insertable<TaxFilingTable>[] = [];
    const violations: Insertable<MajorViolationTable>[] = [];
    for (const company of world.companies(from, to)) {
      const record = enterpriseTaxRecord(world, company.index, company);
      const creditCode = record.creditCode;
      accounts.push({
        credit_code: creditCode,
        credit_rating: record.creditRating,
        rating_year: record.creditRatingYear,
        arrears_cents: parseCents(record.arrears),
      });
      for (const r of record.ratings)
        ratings.push({ credit_code: creditCode, year: r.year, rating: r.rating });
      for (const f of record.filings) {
        filings.push({
          credit_code: creditCode,
          tax_kind: f.taxKind,
          period: f.period,
          taxable_cents: parseCents(f.taxableAmount),
          tax_paid_cents: parseCents(f.taxPaid),
          due_on: f.dueOn,
          filed_on: f.filedOn,
        });
      }
      for (const v of record.majorViolations) {
        violations.push({
          case_number: v.caseNumber,
          credit_code: creditCode,
          decided_on: v.decidedOn,
          violation: v.violation,
          amount_evaded_cents: parseCents(v.amountEvaded),
          penalty_cents: parseCents(v.penalty),
        });
      }
    }
    await insertInBatches(database.db, 'enterprise_tax_account', accounts);
    await insertInBatches(database.db, 'enterprise_rating', ratings);
    await insertInBatches(database.db, 'tax_filing', filings);
    await insertInBatches(database.db, 'major_violation', violations);
    progress?.('enterprise_tax_account', to, total);
  }
}

export function isTaxSeeded(database: Database<TaxDB>): Promise<boolean> {
  return hasRows(database.db, 'enterprise_tax_account');
}
