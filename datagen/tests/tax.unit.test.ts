import { checkDate, checkMoney } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import {
  createWorld,
  enterpriseTaxRecord,
  personTaxRecord,
  TAX_AS_OF,
  TAX_INCOME_YEARS,
  TAX_RATING_YEARS,
} from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });
const people = [...world.persons()];
const personRecords = people.map((p) => personTaxRecord(world, p.index, p));
const companies = [...world.companies()];
const companyRecords = companies.map((c) => enterpriseTaxRecord(world, c.index, c));
const cents = (money: string) => Math.round(Number(money) * 100);
const share = (n: number, of: number) => n / of;

// Annual comprehensive income brackets (IIT Law art. 3): upper bound, rate %, quick deduction.
const BRACKETS = [
  [36_000, 3, 0],
  [144_000, 10, 2_520],
  [300_000, 20, 16_920],
  [420_000, 25, 31_920],
  [660_000, 30, 52_920],
  [960_000, 35, 85_920],
  [Number.POSITIVE_INFINITY, 45, 181_920],
] as const;
function incomeTaxCents(taxableCents: number): number {
  if (taxableCents <= 0) return 0;
  const [, rate, quick] = BRACKETS.find(([upTo]) => taxableCents <= upTo * 100) ?? BRACKETS[0];
  return Math.round((taxableCents * rate) / 100) - quick * 100;
}

describe('tax records of people', () => {
  it('are deterministic and random access: the same by index, by iteration and in another world of the seed', () => {
    const again = createWorld({ seed: 42, people: 20_000 });
    for (const i of [0, 17, 4_321, 19_999]) {
      expect(personTaxRecord(again, i)).toEqual(personRecords[i]);
    }
    const other = createWorld({ seed: 43, people: 20_000 });
    const differs = [4, 8, 12, 16].some(
      (i) => JSON.stringify(personTaxRecord(other, i)) !== JSON.stringify(personRecords[i]),
    );
    expect(differs).toBe(true);
  });

  it('exist exactly for adults alive and resident, born before 2004, with all five years newest first', () => {
    people.forEach((p, i) => {
      const record = personRecords[i];
      const expected = p.status === 'ALIVE' && p.birthDate < '2004-01-01';
      expect(record !== null).toBe(expected);
      if (!record) return;
      expect(record.nationalId).toBe(p.nationalId);
      expect(record.personIndex).toBe(i);
      expect(record.years.map((y) => y.year)).toEqual([...TAX_INCOME_YEARS].reverse());
    });
    expect(personRecords.filter((r) => r === null).length).toBeGreaterThan(1_000);
  });

  it('tax the income by the annual brackets after the 60,000 standard and one special deduction', () => {
    for (const record of personRecords.slice(0, 4_000)) {
      for (const y of record?.years ?? []) {
        expect(checkMoney(y.declaredIncome)).toEqual({ ok: true, value: y.declaredIncome });
        expect(checkMoney(y.taxPaid)).toEqual({ ok: true, value: y.taxPaid });
        const income = cents(y.declaredIncome);
        const candidates = [0, 12_000, 24_000, 36_000].map((d) =>
          incomeTaxCents(income - (60_000 + d) * 100),
        );
        expect(candidates).toContain(cents(y.taxPaid));
        if (income <= 60_000_00) expect(y.taxPaid).toBe('0.00');
      }
    }
  });

  it('earn most in mid-career and less when young or retired', () => {
    const medianAt = (from: number, to: number) => {
      const incomes = personRecords
        .flatMap((r, i) => {
          const age = 2025 - Number(people[i]?.birthDate.slice(0, 4));
          const income = Number(r?.years[0]?.declaredIncome ?? Number.NaN);
          return r && age >= from && age <= to && income > 0 ? [income] : [];
        })
        .sort((a, b) => a - b);
      return incomes[Math.floor(incomes.length / 2)] ?? 0;
    };
    const young = medianAt(22, 29);
    const midCareer = medianAt(40, 50);
    const retired = medianAt(66, 80);
    expect(midCareer).toBeGreaterThan(young * 1.3);
    expect(midCareer).toBeGreaterThan(retired * 3);
  });

  it('leave about 5% of taxpayers owing arrears', () => {
    const taxpayers = personRecords.filter((r) => r !== null);
    const owing = taxpayers.filter((r) => r.arrears !== '0.00');
    expect(share(owing.length, taxpayers.length)).toBeGreaterThan(0.04);
    expect(share(owing.length, taxpayers.length)).toBeLessThan(0.06);
    for (const r of owing) expect(cents(r.arrears)).toBeGreaterThan(0);
  });
});

describe('tax records of companies', () => {
  it('are deterministic and random access', () => {
    const again = createWorld({ seed: 42, people: 20_000 });
    for (const j of [0, 5, 1_234, 1_999]) {
      expect(enterpriseTaxRecord(again, j)).toEqual(companyRecords[j]);
    }
    expect(companyRecords[7]?.creditCode).toBe(companies[7]?.creditCode);
  });

  it('give every company a rating: mostly B, some A, few C and D', () => {
    const count = (level: string) => companyRecords.filter((r) => r.creditRating === level).length;
    const n = companyRecords.length;
    expect(count('B')).toBeGreaterThan(n * 0.55);
    expect(share(count('A'), n)).toBeGreaterThan(0.08);
    expect(share(count('A'), n)).toBeLessThan(0.25);
    expect(share(count('C') + count('D'), n)).toBeLessThan(0.2);
    expect(count('C')).toBeGreaterThan(0);
    expect(count('D')).toBeGreaterThan(0);
  });

  it('rate a company in the evaluation years it traded in; M in its first year, latest rating shown', () => {
    companies.forEach((company, j) => {
      const record = companyRecords[j];
      if (!record) throw new Error(`no record for company ${j}`);
      const established = Number(company.established.slice(0, 4));
      for (const r of record.ratings) {
        expect(TAX_RATING_YEARS).toContain(r.year);
        expect(established).toBeLessThanOrEqual(r.year);
        if (established === r.year && r.rating !== 'D') expect(r.rating).toBe('M');
      }
      const last = record.ratings[record.ratings.length - 1];
      if (last) {
        expect([record.creditRating, record.creditRatingYear]).toEqual([last.rating, last.year]);
      } else {
        // Registered after the last evaluation: a new enterprise, rated M from its first year.
        expect(established).toBeGreaterThan(TAX_RATING_YEARS[TAX_RATING_YEARS.length - 1] ?? 0);
        expect([record.creditRating, record.creditRatingYear]).toEqual(['M', established]);
        expect(record.filings).toEqual([]);
      }
    });
  });

  it('file VAT monthly or quarterly for each period of 2024–2025 the company traded in, by the deadline unless marked late', () => {
    companyRecords.slice(0, 1_000).forEach((record, j) => {
      const company = companies[j];
      if (!company) throw new Error(`no company ${j}`);
      const vat = record.filings.filter((f) => f.taxKind === 'VAT');
      const monthly = vat.every((f) => /^\d{4}-\d{2}$/.test(f.period));
      const quarterly = vat.every((f) => /^\d{4}-Q[1-4]$/.test(f.period));
      expect(monthly || quarterly).toBe(true);
      expect(new Set(record.filings.map((f) => `${f.taxKind} ${f.period}`)).size).toBe(
        record.filings.length,
      );
      for (const f of record.filings) {
        expect(TAX_RATING_YEARS).toContain(Number(f.period.slice(0, 4)));
        expect(checkDate(f.dueOn).ok && checkDate(f.filedOn).ok).toBe(true);
        expect(f.onTime).toBe(f.filedOn <= f.dueOn);
        expect(f.filedOn <= TAX_AS_OF).toBe(true);
        expect(cents(f.taxPaid)).toBeLessThanOrEqual(cents(f.taxableAmount));
        if (f.taxKind === 'VAT') expect(f.dueOn.slice(8)).toBe('15');
        else expect(f.dueOn).toBe(`${Number(f.period) + 1}-05-31`);
        // No return for a period that ended before the company was established.
        expect(company.established <= f.dueOn).toBe(true);
      }
      const established = company.established;
      if (company.status === 'ACTIVE' && established < '2024-01-01') {
        expect(vat.length).toBe(monthly ? 24 : 8);
      }
    });
  });

  it('files corporate income tax only for companies and joint-stock companies', () => {
    companyRecords.forEach((record, j) => {
      const kind = companies[j]?.kind;
      const cit = record.filings.filter((f) => f.taxKind === 'CORPORATE_INCOME');
      if (kind !== 'LIMITED_LIABILITY' && kind !== 'JOINT_STOCK') expect(cit).toEqual([]);
    });
    const cit = companyRecords
      .flatMap((r) => r.filings)
      .filter((f) => f.taxKind === 'CORPORATE_INCOME');
    expect(cit.length).toBeGreaterThan(1_000);
  });

  it('lists filings newest filed first, the order the subgraph serves them in', () => {
    for (const record of companyRecords.slice(0, 300)) {
      const sorted = [...record.filings].sort(
        (a, b) =>
          b.filedOn.localeCompare(a.filedOn) ||
          a.taxKind.localeCompare(b.taxKind) ||
          b.period.localeCompare(a.period),
      );
      expect(record.filings).toEqual(sorted);
    }
  });

  it('leave about 3% of companies in arrears, never an A-rated one', () => {
    const owing = companyRecords.filter((r) => r.arrears !== '0.00');
    expect(share(owing.length, companyRecords.length)).toBeGreaterThan(0.015);
    expect(share(owing.length, companyRecords.length)).toBeLessThan(0.045);
    expect(owing.some((r) => r.creditRating === 'A')).toBe(false);
  });

  it('publish major violations for about 0.5% of companies, rated D in the year of the decision and the next', () => {
    const big = createWorld({ seed: 42, people: 100_000 });
    let violators = 0;
    for (let j = 0; j < big.companyCount; j++) {
      const record = enterpriseTaxRecord(big, j);
      if (record.majorViolations.length === 0) continue;
      violators++;
      for (const v of record.majorViolations) {
        expect(checkMoney(v.amountEvaded).ok && checkMoney(v.penalty).ok).toBe(true);
        expect(cents(v.amountEvaded)).toBeGreaterThanOrEqual(1_000_000_00);
        expect(cents(v.penalty)).toBeGreaterThanOrEqual(cents(v.amountEvaded) / 2 - 1);
        expect(cents(v.penalty)).toBeLessThanOrEqual(cents(v.amountEvaded) * 5 + 1);
        expect(v.decidedOn >= big.company(j).established && v.decidedOn <= TAX_AS_OF).toBe(true);
        expect(v.caseNumber).toContain('税稽罚');
        const decided = Number(v.decidedOn.slice(0, 4));
        for (const r of record.ratings) {
          if (r.year === decided || r.year === decided + 1) expect(r.rating).toBe('D');
        }
      }
    }
    expect(share(violators, big.companyCount)).toBeGreaterThan(0.003);
    expect(share(violators, big.companyCount)).toBeLessThan(0.008);
  });
});
