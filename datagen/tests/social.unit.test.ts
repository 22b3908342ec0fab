import { checkDate, checkMoney } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import {
  CONTRIBUTION_PERIODS,
  createWorld,
  employeesOf,
  employerOf,
  type SocialRecord,
  socialRecordOf,
  type World,
} from '../src/index.js';

const world = createWorld({ seed: 42, people: 4_000 });
const people = [...world.persons()];
const records = people.map((p) => socialRecordOf(world, p.index, p));
const companies = [...world.companies()];

const ageOn = (birthDate: string, day: string) =>
  Number(day.slice(0, 4)) -
  Number(birthDate.slice(0, 4)) -
  (birthDate.slice(5) > day.slice(5) ? 1 : 0);
const ageOf = (i: number) => ageOn(world.person(i).birthDate, '2026-11-27');
const cents = (money: string) => Math.round(Number(money) * 100);
const share = (items: readonly unknown[], of: readonly unknown[]) => items.length / of.length;

describe('social insurance of the synthetic world', () => {
  it('is deterministic and random access', () => {
    const again = createWorld({ seed: 42, people: 4_000 });
    expect(socialRecordOf(again, 1_234)).toEqual(records[1_234]);
    expect(socialRecordOf(world, 77)).toEqual(records[77]);
    expect(employerOf(again, 1_234)).toBe(employerOf(world, 1_234));
  });

  it('keeps no record of people under 20 and keeps one for every adult', () => {
    people.forEach((p, i) => {
      expect(records[i] === null).toBe(ageOf(p.index) < 20);
    });
  });

  it('has most working-age residents employed by an ACTIVE company of the world', () => {
    const working = people.filter(
      (p) => p.status === 'ALIVE' && ageOf(p.index) >= 20 && ageOf(p.index) < 60,
    );
    const employed = working.filter((p) => records[p.index]?.employment);
    expect(share(employed, working)).toBeGreaterThan(0.75);
    for (const p of employed) {
      const record = records[p.index];
      const since = record?.employment?.since ?? '';
      const employer = world.company(record?.employment?.employerIndex ?? -1);
      expect(employer.status).toBe('ACTIVE');
      expect(record?.employment?.employerIndex).toBe(employerOf(world, p.index));
      expect(record?.pensionStatus).toBe('CONTRIBUTING');
      expect(since >= employer.established).toBe(true);
      expect(ageOn(p.birthDate, since)).toBeGreaterThanOrEqual(18);
      expect((record?.insuredSince ?? '9999') <= since).toBe(true);
    }
    const nobody = people.filter((p) => ageOf(p.index) >= 60 || p.status !== 'ALIVE');
    expect(nobody.filter((p) => employerOf(world, p.index) !== null)).toEqual([]);
  });

  it('pays most people over 60 a pension, and only them', () => {
    const elderly = people.filter((p) => p.status === 'ALIVE' && ageOf(p.index) >= 60);
    const receiving = elderly.filter(
      (p) => records[p.index]?.pensionStatus === 'RECEIVING_PENSION',
    );
    expect(share(receiving, elderly)).toBeGreaterThan(0.8);
    for (const r of records) {
      if (!r) continue;
      expect(r.monthlyPension !== null).toBe(r.pensionStatus === 'RECEIVING_PENSION');
      if (r.monthlyPension)
        expect(checkMoney(r.monthlyPension)).toEqual({ ok: true, value: r.monthlyPension });
      if (r.pensionStatus === 'RECEIVING_PENSION')
        expect(ageOf(r.personIndex)).toBeGreaterThanOrEqual(60);
      expect(r.insuredSince === null).toBe(r.pensionStatus === 'NOT_INSURED');
      if (r.insuredSince) expect(checkDate(r.insuredSince).ok).toBe(true);
    }
  });

  it('finds exactly the people whose employer a company is, for every company', () => {
    const staff = new Map<number, number[]>();
    for (const p of people) {
      const j = employerOf(world, p.index);
      if (j !== null) staff.set(j, [...(staff.get(j) ?? []), p.index]);
    }
    for (let j = 0; j < world.companyCount; j++) {
      expect(employeesOf(world, j)).toEqual(staff.get(j) ?? []);
    }
    const inactive = companies.filter((c) => c.status !== 'ACTIVE');
    expect(inactive.length).toBeGreaterThan(0);
    for (const c of inactive) expect(employeesOf(world, c.index)).toEqual([]);
  });

  it("finds a company's staff by generating a few dozen people, not the whole world", () => {
    const big = createWorld({ seed: 9, people: 200_000 });
    let generated = 0;
    const counting: World = {
      ...big,
      person: (i) => {
        generated++;
        return big.person(i);
      },
    };
    const staff = employeesOf(counting, 4_321);
    expect(generated).toBeLessThan(1_000);
    for (const i of staff) expect(employerOf(big, i)).toBe(4_321);
  });

  it('records 24 months of contributions, newest first, priced from the base', () => {
    expect(CONTRIBUTION_PERIODS).toHaveLength(24);
    expect(CONTRIBUTION_PERIODS[0]).toBe('2026-10');
    expect(CONTRIBUTION_PERIODS[23]).toBe('2024-11');
    const full = (r: SocialRecord) => r.contributions.length === 24;
    const employed = records.filter((r): r is SocialRecord => r?.employment != null);
    expect(share(employed.filter(full), employed)).toBeGreaterThan(0.6);
    // Problems are collected and compared once: about 50,000 rows are checked.
    const problems: string[] = [];
    for (const r of records) {
      if (!r) continue;
      const periods = r.contributions.map((c) => c.period);
      if (periods.join() !== CONTRIBUTION_PERIODS.filter((p) => periods.includes(p)).join())
        problems.push(`${r.personIndex}: periods ${periods.join()}`);
      for (const c of r.contributions) {
        const base = cents(c.contributionBase);
        const rate = c.employerIndex === null ? 0.2 : 0.24;
        if (cents(c.amount) !== Math.round(base * rate))
          problems.push(`${r.personIndex} ${c.period}: amount ${c.amount} of base ${base}`);
        if (base < 450_000 || base > 2_430_000)
          problems.push(`${r.personIndex} ${c.period}: base ${c.contributionBase}`);
        const established = companies[c.employerIndex ?? -1]?.established ?? '0000-00';
        if (c.period < established.slice(0, 7))
          problems.push(`${r.personIndex} ${c.period}: employer founded ${established}`);
      }
      const job = r.employment;
      const current = r.contributions.filter((c) => job && c.period >= job.since.slice(0, 7));
      if (
        job &&
        (current[0]?.period !== '2026-10' ||
          current.some((c) => c.employerIndex !== job.employerIndex))
      )
        problems.push(`${r.personIndex}: months of the current job`);
    }
    expect(problems).toEqual([]);
  });

  it('gives employees a job title from their employer’s trade, mostly', () => {
    const employed = records.filter((r): r is SocialRecord => r?.employment != null);
    const titled = employed.filter((r) => r.employment?.position);
    expect(share(titled, employed)).toBeGreaterThan(0.9);
    expect(new Set(titled.map((r) => r.employment?.position)).size).toBeGreaterThan(20);
  });
});
