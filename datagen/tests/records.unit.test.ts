import { checkDate, checkMoney } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import { countyOf, provinceAbbreviation, shortName } from '../src/divisions.js';
import { authorityOf, createWorld } from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });
const companies = [...world.companies()];
const inspections = companies.map((c) => world.inspections(c.index));
const penalties = companies.map((c) => world.penalties(c.index));
const abnormal = companies.map((c) => world.abnormalListings(c.index));
const dishonesty = companies.map((c) => world.dishonestyListing(c.index));
const LAST_DAY = '2026-11-27';

function expectDated(day: string, established: string) {
  expect(checkDate(day).ok).toBe(true);
  expect(day >= established).toBe(true);
  expect(day <= LAST_DAY).toBe(true);
}

describe('supervision records', () => {
  it('give each company 0 to 6 inspections, dated from its establishment, with unique IDs', () => {
    const counts = new Set(inspections.map((list) => list.length));
    expect(counts).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    const ids = inspections.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    companies.forEach((c, j) => {
      for (const r of inspections[j] ?? []) {
        expect(r.companyIndex).toBe(j);
        expect(r.id).toMatch(new RegExp(`^INS-${j}-[1-6]$`));
        expectDated(r.inspectedOn, c.established);
        expect(r.authority).toBe(authorityOf(c.divisionCode));
        expect(r.findings === '未发现问题').toBe(r.result === 'PASSED');
      }
    });
    expect(new Set(inspections.flat().map((r) => r.result))).toEqual(
      new Set(['PASSED', 'ISSUES_FOUND', 'FAILED']),
    );
  });

  it('penalise most companies never and some 1 to 4 times, newest first', () => {
    const penalised = penalties.filter((list) => list.length > 0);
    expect(penalised.length / companies.length).toBeGreaterThan(0.1);
    expect(penalised.length / companies.length).toBeLessThan(0.3);
    expect(new Set(penalised.map((list) => list.length))).toEqual(new Set([1, 2, 3, 4]));
    for (const list of penalised) {
      const days = list.map((r) => r.decidedOn);
      expect(days).toEqual([...days].sort().reverse());
    }
  });

  it('number penalty decisions in the 京朝市监罚〔2023〕118号 style, uniquely, with valid amounts', () => {
    const all = penalties.flat();
    expect(new Set(all.map((r) => r.decisionNumber)).size).toBe(all.length);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const r of all) {
      const company = companies[r.companyIndex];
      if (!company) throw new Error(`penalty ${r.id} names no company`);
      expectDated(r.decidedOn, company.established);
      expect(r.decisionNumber).toMatch(/^[\u4e00-\u9fa5]{2}市监罚〔\d{4}〕[1-9]\d*号$/);
      expect(r.decisionNumber).toContain(`〔${r.decidedOn.slice(0, 4)}〕`);
      expect(r.authority).toBe(authorityOf(company.divisionCode));
      if (r.kind === 'FINE' || r.kind === 'CONFISCATION') {
        expect(checkMoney(r.amount ?? '')).toEqual({ ok: true, value: r.amount });
      } else {
        expect(r.amount).toBeNull();
      }
    }
    const first = all[0];
    const county = countyOf(companies[first?.companyIndex ?? -1]?.divisionCode ?? '');
    expect(first?.decisionNumber.slice(0, 2)).toBe(
      provinceAbbreviation(county.code) + shortName(county.name).charAt(0),
    );
    expect(authorityOf('110105')).toBe('北京市朝阳区市场监督管理局');
    expect(provinceAbbreviation('110105') + shortName('朝阳区').charAt(0)).toBe('京朝');
  });

  it('list few companies as abnormal; a removal has a reason and follows the listing', () => {
    const listed = abnormal.filter((list) => list.length > 0).length / companies.length;
    expect(listed).toBeGreaterThan(0.01);
    expect(listed).toBeLessThan(0.1);
    const all = abnormal.flat();
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const r of all) {
      const company = companies[r.companyIndex];
      if (!company) throw new Error(`listing ${r.id} names no company`);
      expectDated(r.listedOn, company.established);
      expect(r.removedOn === null).toBe(r.removalReason === null);
      if (r.removedOn !== null) expectDated(r.removedOn, r.listedOn);
    }
    expect(all.some((r) => r.removedOn === null)).toBe(true);
    expect(all.some((r) => r.removedOn !== null)).toBe(true);
  });

  it('list about 1% of companies as seriously dishonest', () => {
    const listed = dishonesty.filter((r) => r !== null);
    expect(listed.length / companies.length).toBeGreaterThan(0.003);
    expect(listed.length / companies.length).toBeLessThan(0.02);
    for (const r of listed) {
      const company = companies[r.companyIndex];
      if (!company) throw new Error('a listing names no company');
      expectDated(r.listedOn, company.established);
      expect(r.authority).toBe(authorityOf(company.divisionCode));
    }
  });

  it('are the same whether asked for in order or alone', () => {
    const alone = createWorld({ seed: 42, people: 20_000 });
    for (const j of [1_999, 3, 1_000]) {
      expect(alone.penalties(j)).toEqual(penalties[j]);
      expect(alone.inspections(j)).toEqual(inspections[j]);
    }
  });
});
