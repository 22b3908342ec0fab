import {
  checkBuildingId,
  checkCreditCode,
  checkDate,
  checkMoney,
  checkNationalId,
} from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import { CAPACITY, COUNTIES, createWorld, organizationCheckChar } from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });
const people = [...world.persons()];
const companies = [...world.companies()];
const countyCodes = new Set(COUNTIES.map((c) => c.code));

describe('the synthetic world', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const again = createWorld({ seed: 42, people: 20_000 });
    expect(again.person(12_345)).toEqual(world.person(12_345));
    expect(again.company(321)).toEqual(world.company(321));
    const other = createWorld({ seed: 43, people: 20_000 });
    expect(other.person(12_345).nationalId).not.toBe(world.person(12_345).nationalId);
  });

  it('gives the same entity by index as by iteration', () => {
    expect(people[777]).toEqual(world.person(777));
    expect(companies[55]).toEqual(world.company(55));
    expect([...world.persons(10, 13)].map((p) => p.index)).toEqual([10, 11, 12]);
  });

  it('issues unique, valid national IDs that encode county, birth date and sex', () => {
    expect(new Set(people.map((p) => p.nationalId)).size).toBe(people.length);
    for (const p of people) {
      expect(checkNationalId(p.nationalId)).toEqual({ ok: true, value: p.nationalId });
      expect(countyCodes.has(p.nationalId.slice(0, 6))).toBe(true);
      expect(p.nationalId.slice(6, 14)).toBe(p.birthDate.replaceAll('-', ''));
      expect(Number(p.nationalId.charAt(16)) % 2).toBe(p.gender === 'MALE' ? 1 : 0);
    }
  });

  it('finds a person by national ID without a scan', () => {
    for (const i of [0, 1, 9_999, 19_999]) {
      expect(world.personIndexOf(world.person(i).nationalId)).toBe(i);
    }
    expect(world.personIndexOf('11010519491231002X')).toBeUndefined();
  });

  it('builds families whose links agree in both directions', () => {
    for (const p of people) {
      if (p.spouseIndex !== null) expect(world.person(p.spouseIndex).spouseIndex).toBe(p.index);
      for (const c of p.childIndexes) {
        const child = world.person(c);
        expect([child.fatherIndex, child.motherIndex]).toContain(p.index);
        expect(child.household.number).toBe(p.household.number);
        expect(child.birthDate > p.birthDate).toBe(true);
      }
      if (p.motherIndex !== null) {
        const mother = world.person(p.motherIndex);
        const gap = Number(p.birthDate.slice(0, 4)) - Number(mother.birthDate.slice(0, 4));
        expect(gap).toBeGreaterThanOrEqual(20);
        expect(gap).toBeLessThanOrEqual(40);
        expect(mother.gender).toBe('FEMALE');
        expect(p.birthDate <= '2024-12-31').toBe(true);
      }
    }
    const statuses = new Set(people.map((p) => p.status));
    expect(statuses).toEqual(new Set(['ALIVE', 'DECEASED', 'EMIGRATED']));
  });

  it('houses households in residential buildings with valid IDs', () => {
    const buildingIds = new Set([...world.buildings()].map((b) => b.buildingId));
    expect(buildingIds.size).toBe(world.buildingCount);
    for (const p of people.slice(0, 2_000)) {
      expect(checkBuildingId(p.household.buildingId).ok).toBe(true);
      expect(buildingIds.has(p.household.buildingId)).toBe(true);
      expect(checkDate(p.household.registeredOn).ok).toBe(true);
    }
    const building = world.building(Number(people[8]?.household.buildingId.slice(7)) - 1);
    expect(['RESIDENTIAL', 'MIXED']).toContain(building.use);
  });

  it('registers companies with unique, valid credit codes and living adult representatives', () => {
    expect(new Set(companies.map((c) => c.creditCode)).size).toBe(companies.length);
    for (const c of companies) {
      expect(checkCreditCode(c.creditCode)).toEqual({ ok: true, value: c.creditCode });
      expect(organizationCheckChar(c.creditCode.slice(8, 16))).toBe(c.creditCode.charAt(16));
      expect(checkMoney(c.registeredCapital)).toEqual({ ok: true, value: c.registeredCapital });
      expect(c.established < '2026-11-28').toBe(true);
      const rep = world.person(c.representativeIndex);
      expect(rep.status).toBe('ALIVE');
      expect(rep.birthDate < '2000-01-01').toBe(true);
      expect(world.companiesRepresentedBy(c.representativeIndex)).toContain(c.index);
    }
    const counts = people.map((p) => world.companiesRepresentedBy(p.index).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(companies.length);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(2);
  });

  it('dates supervision records after establishment', () => {
    let penalties = 0;
    for (const c of companies.slice(0, 500)) {
      for (const r of world.inspections(c.index)) expect(r.inspectedOn >= c.established).toBe(true);
      for (const r of world.penalties(c.index)) {
        penalties++;
        expect(r.decidedOn >= c.established).toBe(true);
        if (r.amount !== null) expect(checkMoney(r.amount).ok).toBe(true);
      }
      for (const r of world.abnormalListings(c.index)) {
        if (r.removedOn !== null) expect(r.removedOn >= r.listedOn).toBe(true);
      }
    }
    expect(penalties).toBeGreaterThan(0);
  });

  it('refuses a size beyond the capacity of unique IDs, and indexes out of range', () => {
    expect(() => createWorld({ seed: 1, people: CAPACITY + 1 })).toThrow(RangeError);
    expect(() => world.person(20_000)).toThrow(RangeError);
    expect(() => world.company(-1)).toThrow(RangeError);
  });
});
