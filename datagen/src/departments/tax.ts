// Tax administration of the synthetic world: pure functions of (world, index). A person's
// income tax years and a company's ratings, returns, arrears and violations are drawn from
// their own streams, so any one record is made without making the others.
import { formatCents } from '@govgraph/schema';
import { dayNumber, isoDate, latestDate, Rng } from '../random.js';
import type { Company, Person } from '../types.js';
import type { World } from '../world.js';

/** The day the world stands still for this department (the other registries end here too). */
export const TAX_AS_OF = '2026-11-27';
/** Tax years of individual income tax on record, oldest first. */
export const TAX_INCOME_YEARS: readonly number[] = [2021, 2022, 2023, 2024, 2025];
/** Years of enterprise returns on record, and of the credit evaluations (published the next April). */
export const TAX_RATING_YEARS: readonly number[] = [2024, 2025];

export type TaxCreditRating = 'A' | 'B' | 'M' | 'C' | 'D';
export type TaxKind = 'VAT' | 'CORPORATE_INCOME';

/** One tax year of a person's annual reconciliation. */
export interface PersonTaxYear {
  year: number;
  /** Money: comprehensive income before deductions. */
  declaredIncome: string;
  /** Money: tax on it after the 60,000 CNY standard and the special deductions. */
  taxPaid: string;
}

/** The income tax record of an adult alive and resident; children and the departed have none. */
export interface PersonTaxRecord {
  personIndex: number;
  nationalId: string;
  /** Every year of `TAX_INCOME_YEARS`, newest first. */
  years: PersonTaxYear[];
  /** Money: overdue tax, "0.00" for the ~95% who owe none. */
  arrears: string;
}

export interface TaxRating {
  year: number;
  rating: TaxCreditRating;
}

export interface TaxFiling {
  /** YYYY-MM (monthly VAT), YYYY-Qn (quarterly VAT) or YYYY (annual corporate income tax). */
  period: string;
  taxKind: TaxKind;
  /** Money: sales for VAT, taxable profit for corporate income tax. */
  taxableAmount: string;
  /** Money. */
  taxPaid: string;
  dueOn: string;
  filedOn: string;
  onTime: boolean;
}

export interface MajorTaxViolation {
  caseNumber: string;
  decidedOn: string;
  violation: string;
  /** Money. */
  amountEvaded: string;
  /** Money: 50% to 5 times the amount evaded (Law on the Administration of Tax Collection, art. 63). */
  penalty: string;
}

/** The tax record every company has. */
export interface EnterpriseTaxRecord {
  companyIndex: number;
  creditCode: string;
  /** The latest rating: that of the last evaluation year, or M for a company registered since. */
  creditRating: TaxCreditRating;
  creditRatingYear: number;
  /** Evaluations on record (years of `TAX_RATING_YEARS` the company traded in), oldest first. */
  ratings: TaxRating[];
  /** Returns of 2024–2025, newest filed first (then tax kind, then period, newest first). */
  filings: TaxFiling[];
  /** Money: overdue tax, "0.00" for the ~97% who owe none. */
  arrears: string;
  /** Published major violation cases (~0.5% of companies), newest decision first. */
  majorViolations: MajorTaxViolation[];
}

// A stream of this department's own, apart from datagen's core streams and other departments'.
const STREAM = 0x7a0e5;
const SALT = { person: 1, personYear: 2, company: 10, rating: 11, filing: 12, violation: 13 };

/**
 * The income tax record of person i, or null when they have none (minors, deceased, emigrated).
 * `person` saves making person i again when the caller has it.
 */
export function personTaxRecord(
  world: World,
  i: number,
  person: Person = world.person(i),
): PersonTaxRecord | null {
  if (person.status !== 'ALIVE' || person.birthDate >= '2004-01-01') return null;
  const rng = new Rng(world.seed, STREAM, i, SALT.person);
  // A few adults (homemakers, the long-term unemployed) declare nothing but are on record.
  const earner = rng.chance(0.93);
  const talent = Math.exp(0.6 * normal(rng));
  const deductions = rng.pick([0, 12_000, 24_000, 36_000]);
  const owes = rng.chance(0.05);
  const years = TAX_INCOME_YEARS.map((year) => {
    const yearRng = new Rng(world.seed, STREAM, i, SALT.personYear * 10_000 + year);
    const income = earner
      ? medianIncome(person, year) *
        talent *
        1.04 ** (year - 2021) *
        Math.exp(0.1 * normal(yearRng))
      : 0;
    const incomeCents = Math.round(income * 100);
    return {
      year,
      declaredIncome: formatCents(incomeCents),
      taxPaid: formatCents(incomeTaxCents(incomeCents - (60_000 + deductions) * 100)),
    };
  }).reverse();
  return {
    personIndex: i,
    nationalId: person.nationalId,
    years,
    arrears: formatCents(
      owes ? Math.round(Math.exp(Math.log(3_000) + 0.8 * normal(rng)) * 100) : 0,
    ),
  };
}

/** Median annual income by age and sex that year: rising to the mid-forties, low once retired. */
function medianIncome(person: Person, year: number): number {
  const age = year - Number(person.birthDate.slice(0, 4));
  const retirement = person.gender === 'MALE' ? 60 : 55;
  if (age < 22) return 12_000;
  if (age >= retirement) return 18_000; // pensions are exempt; this is other declared income
  return 45_000 + 75_000 * Math.exp(-(((age - 45) / 14) ** 2));
}

// Annual comprehensive income brackets (Individual Income Tax Law, art. 3): upper bound in
// CNY, rate in percent, quick deduction in CNY.
const IIT_BRACKETS: readonly (readonly [number, number, number])[] = [
  [36_000, 3, 0],
  [144_000, 10, 2_520],
  [300_000, 20, 16_920],
  [420_000, 25, 31_920],
  [660_000, 30, 52_920],
  [960_000, 35, 85_920],
  [Number.POSITIVE_INFINITY, 45, 181_920],
];

function incomeTaxCents(taxableCents: number): number {
  if (taxableCents <= 0) return 0;
  const [, rate, quick] = IIT_BRACKETS.find(([upTo]) => taxableCents <= upTo * 100) ??
    IIT_BRACKETS[0] ?? [0, 0, 0];
  return Math.round((taxableCents * rate) / 100) - quick * 100;
}

/** The tax record of company j: every company has one. `company` saves making it again. */
export function enterpriseTaxRecord(
  world: World,
  j: number,
  company: Company = world.company(j),
): EnterpriseTaxRecord {
  const rng = new Rng(world.seed, STREAM, j, SALT.company);
  const ceasedOn =
    company.status === 'CANCELLED' || company.status === 'REVOKED'
      ? rng.date(latestDate(company.established, '2024-01-01'), '2026-10-31')
      : null;
  const trades = (from: string, to: string) =>
    company.established <= to && (ceasedOn === null || ceasedOn >= from);
  const majorViolations = violationsOf(world, company);
  const ratings = ratingsOf(world, company, majorViolations, trades);
  const last = ratings[ratings.length - 1];
  const creditRating = last?.rating ?? 'M';
  const arrearsChance = { A: 0, B: 0.02, M: 0.02, C: 0.1, D: 0.25 }[creditRating];
  return {
    companyIndex: j,
    creditCode: company.creditCode,
    creditRating,
    creditRatingYear: last?.year ?? Number(company.established.slice(0, 4)),
    ratings,
    filings: filingsOf(world, company, ratings, creditRating, trades),
    arrears: formatCents(
      rng.chance(arrearsChance) ? Math.round(Math.exp(Math.log(20_000) + normal(rng)) * 100) : 0,
    ),
    majorViolations,
  };
}

type Trades = (from: string, to: string) => boolean;

/**
 * One evaluation per year the company traded in: M in its first year, D within a year of a
 * major violation, otherwise mostly B, some A, few C and D, usually the same as the year before.
 */
function ratingsOf(
  world: World,
  company: Company,
  violations: readonly MajorTaxViolation[],
  trades: Trades,
): TaxRating[] {
  const rng = new Rng(world.seed, STREAM, company.index, SALT.rating);
  const draw = () =>
    rng.weighted<TaxCreditRating>([
      ['A', 15],
      ['B', 72],
      ['C', 8],
      ['D', 5],
    ]);
  let standing = draw();
  const ratings: TaxRating[] = [];
  for (const year of TAX_RATING_YEARS) {
    if (!rng.chance(0.75)) standing = draw();
    if (!trades(`${year}-01-01`, `${year}-12-31`)) continue;
    const violated = violations.some((v) => {
      const decided = Number(v.decidedOn.slice(0, 4));
      return decided === year || decided === year - 1;
    });
    const rating: TaxCreditRating = violated
      ? 'D'
      : company.established >= `${year}-01-01`
        ? 'M'
        : standing;
    ratings.push({ year, rating });
  }
  return ratings;
}

function filingsOf(
  world: World,
  company: Company,
  ratings: readonly TaxRating[],
  latest: TaxCreditRating,
  trades: Trades,
): TaxFiling[] {
  const rng = new Rng(world.seed, STREAM, company.index, SALT.filing);
  // Yearly sales scale with registered capital, spread widely by chance.
  const yearlySales = Math.round(
    Number(company.registeredCapital) * 1.5 * Math.exp(0.9 * normal(rng)) * 100,
  );
  // General taxpayers (sales above 5 million a year, or by choice) file VAT monthly at 13% on
  // the value added; small-scale taxpayers quarterly at 1%, exempt up to 300,000 a quarter.
  const general =
    yearlySales > 5_000_000_00 ||
    ((company.kind === 'LIMITED_LIABILITY' || company.kind === 'JOINT_STOCK') && rng.chance(0.3));
  const valueAdded = 0.15 + 0.25 * rng.next();
  const margin = -0.05 + 0.2 * rng.next();
  const paysCorporateIncomeTax =
    company.kind === 'LIMITED_LIABILITY' || company.kind === 'JOINT_STOCK';
  const lateChance = (year: number) => {
    const rating = ratings.find((r) => r.year === year)?.rating ?? latest;
    return { A: 0, B: 0.02, M: 0.03, C: 0.12, D: 0.25 }[rating];
  };
  const filings: TaxFiling[] = [];
  const file = (
    year: number,
    period: string,
    taxKind: TaxKind,
    taxable: number,
    tax: number,
    dueOn: string,
    window: number,
  ) => {
    const late = rng.chance(lateChance(year));
    const filedOn = addDays(dueOn, late ? rng.between(1, 60) : -rng.int(window));
    filings.push({
      period,
      taxKind,
      taxableAmount: formatCents(taxable),
      taxPaid: formatCents(tax),
      dueOn,
      filedOn,
      onTime: !late,
    });
  };
  for (const year of TAX_RATING_YEARS) {
    const periods = general ? 12 : 4;
    const months = 12 / periods;
    for (let p = 0; p < periods; p++) {
      const firstMonth = p * months + 1;
      const lastMonth = firstMonth + months - 1;
      const start = `${year}-${pad(firstMonth)}-01`;
      const end = addDays(
        lastMonth === 12 ? `${year + 1}-01-01` : `${year}-${pad(lastMonth + 1)}-01`,
        -1,
      );
      if (!trades(start, end)) continue;
      const sales = Math.round((yearlySales / periods) * (0.7 + 0.6 * rng.next()));
      const tax = general
        ? Math.round(sales * 0.13 * valueAdded)
        : sales <= 300_000_00
          ? 0
          : Math.round(sales * 0.01);
      const period = general ? `${year}-${pad(firstMonth)}` : `${year}-Q${p + 1}`;
      file(year, period, 'VAT', sales, tax, addDays(end, 15), 14);
    }
    if (paysCorporateIncomeTax && trades(`${year}-01-01`, `${year}-12-31`)) {
      const profit = Math.max(0, Math.round(yearlySales * margin));
      // Small low-profit enterprises (profit up to 3 million) pay an effective 5%.
      const tax = Math.round(profit * (profit <= 3_000_000_00 ? 0.05 : 0.25));
      file(year, String(year), 'CORPORATE_INCOME', profit, tax, `${year + 1}-05-31`, 150);
    }
  }
  return filings.sort(
    (a, b) =>
      b.filedOn.localeCompare(a.filedOn) ||
      a.taxKind.localeCompare(b.taxKind) ||
      b.period.localeCompare(a.period),
  );
}

const VIOLATIONS = [
  '隐匿销售收入，进行虚假纳税申报，少缴税款',
  '虚开增值税专用发票',
  '以假报出口手段骗取出口退税',
  '取得虚开发票虚列成本，少缴企业所得税',
  '转移财产，妨碍税务机关追缴欠缴的税款',
];

/** Major violations are rare (about one company in 200); their cases are published. */
function violationsOf(world: World, company: Company): MajorTaxViolation[] {
  const rng = new Rng(world.seed, STREAM, company.index, SALT.violation);
  if (!rng.chance(0.005)) return [];
  const count = rng.chance(0.9) ? 1 : 2;
  return Array.from({ length: count }, (_, n) => {
    const decidedOn = rng.date(latestDate(company.established, '2021-01-01'), TAX_AS_OF);
    // Evasion counts as major from 1 million CNY (Measures on major tax violations, art. 6).
    const evaded = Math.round(1_000_000_00 * Math.exp(1.2 * Math.abs(normal(rng))));
    return {
      caseNumber: `${company.divisionCode}税稽罚〔${decidedOn.slice(0, 4)}〕${rng.between(1, 999)}-${company.index}-${n + 1}号`,
      decidedOn,
      violation: rng.pick(VIOLATIONS),
      amountEvaded: formatCents(evaded),
      penalty: formatCents(Math.round(evaded * (0.5 + 4.5 * rng.next()))),
    };
  }).sort(
    (a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.caseNumber.localeCompare(b.caseNumber),
  );
}

/** A standard normal draw (Box–Muller), clipped to ±3 so no record is absurd. */
function normal(rng: Rng): number {
  const u = 1 - rng.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  return Math.max(-3, Math.min(3, z));
}

function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date) + days);
}

function pad(month: number): string {
  return String(month).padStart(2, '0');
}
