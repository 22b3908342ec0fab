import { checkDate, checkNationalId } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import { COUNTIES, createWorld, type Person } from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });
const people = [...world.persons()];
const countyCodes = new Set(COUNTIES.map((c) => c.code));
const year = (p: Person) => Number(p.birthDate.slice(0, 4));
const age = (p: Person) => 2026 - year(p);
const share = (test: (p: Person) => boolean, of: readonly Person[] = people) =>
  of.filter(test).length / of.length;
const parents = people.filter((p) => p.household.relationToHead !== 'CHILD');
const children = people.filter((p) => p.household.relationToHead === 'CHILD');

describe('people', () => {
  it('hold unique, valid national IDs that encode a real county, the birth date and the sex', () => {
    expect(new Set(people.map((p) => p.nationalId)).size).toBe(people.length);
    for (const p of people) {
      expect(checkNationalId(p.nationalId)).toEqual({ ok: true, value: p.nationalId });
      expect(countyCodes.has(p.nationalId.slice(0, 6))).toBe(true);
      expect(p.nationalId.slice(6, 14)).toBe(p.birthDate.replaceAll('-', ''));
      expect(Number(p.nationalId.charAt(16)) % 2).toBe(p.gender === 'MALE' ? 1 : 0);
      expect(checkDate(p.birthDate).ok).toBe(true);
      expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
  });

  it('are found by national ID without a scan, and unknown IDs are not', () => {
    for (const i of [0, 1, 9_999, 19_999]) {
      expect(world.personIndexOf(world.person(i).nationalId)).toBe(i);
    }
    expect(world.personIndexOf('11010519491231002X')).toBeUndefined();
    expect(world.personIndexOf('999999199001010011')).toBeUndefined();
    expect(world.personIndexOf('not an id')).toBeUndefined();
  });

  it('live in households of four consecutive indexes: husband, wife and two children', () => {
    for (let h = 0; h < 5_000; h++) {
      const [head, spouse, ...kids] = people.slice(4 * h, 4 * h + 4) as [Person, Person, Person];
      expect([head.household.relationToHead, head.gender]).toEqual(['HEAD', 'MALE']);
      expect([spouse.household.relationToHead, spouse.gender]).toEqual(['SPOUSE', 'FEMALE']);
      expect(head.childIndexes).toEqual([4 * h + 2, 4 * h + 3]);
      expect(spouse.childIndexes).toEqual([4 * h + 2, 4 * h + 3]);
      for (const kid of kids) {
        expect(kid.household.relationToHead).toBe('CHILD');
        expect([kid.fatherIndex, kid.motherIndex]).toEqual([4 * h, 4 * h + 1]);
        expect(kid.childIndexes).toEqual([]);
      }
      for (const member of [spouse, ...kids]) {
        const { relationToHead: _r, registeredOn: _d, ...shared } = member.household;
        const { relationToHead: _hr, registeredOn: _hd, ...headShared } = head.household;
        expect(shared).toEqual(headShared);
      }
    }
  });

  it('give each household its own 9-digit booklet number', () => {
    const numbers = new Set(people.map((p) => p.household.number));
    expect(numbers.size).toBe(5_000);
    for (const n of numbers) expect(n).toMatch(/^[1-9]\d{8}$/);
  });

  it('end with a partial household whose links stay inside the world', () => {
    for (const size of [1, 2, 3, 5, 10_001, 10_002, 10_003]) {
      const small = createWorld({ seed: 5, people: size });
      for (const p of small.persons()) {
        for (const link of [p.spouseIndex, p.fatherIndex, p.motherIndex, ...p.childIndexes]) {
          if (link !== null) expect(link).toBeLessThan(size);
        }
      }
      const last = small.person(size - 1);
      expect(last.household.number).toBe(
        small.person(size - 1 - ((size - 1) % 4)).household.number,
      );
    }
    const lone = createWorld({ seed: 5, people: 1 }).person(0);
    expect([lone.spouseIndex, lone.childIndexes, lone.status]).toEqual([null, [], 'ALIVE']);
  });

  it('are married couples whose spouse links agree, mostly; divorced or widowed have none', () => {
    for (const p of parents) {
      const partner = people[p.index ^ 1] as Person;
      if (p.spouseIndex !== null) {
        expect(p.spouseIndex).toBe(partner.index);
        expect(partner.spouseIndex).toBe(p.index);
        expect([p.maritalStatus, partner.maritalStatus]).toEqual(['MARRIED', 'MARRIED']);
      } else {
        expect(partner.spouseIndex).toBeNull();
      }
      if (p.maritalStatus === 'DIVORCED') expect(partner.maritalStatus).toBe('DIVORCED');
      if (p.maritalStatus === 'WIDOWED') expect(partner.status).toBe('DECEASED');
      if (p.status === 'DECEASED') expect(['MARRIED', 'DIVORCED']).toContain(p.maritalStatus);
    }
    expect(share((p) => p.spouseIndex !== null, parents)).toBeGreaterThan(0.75);
    expect(share((p) => p.maritalStatus === 'DIVORCED', parents)).toBeGreaterThan(0.05);
    expect(share((p) => p.maritalStatus === 'WIDOWED', parents)).toBeGreaterThan(0.02);
  });

  it('are born 1950-1985 as parents, 20-40 years after the mother and by 2024 as children', () => {
    for (const p of parents) expect(year(p)).toBeGreaterThanOrEqual(1950);
    for (const p of parents) expect(year(p)).toBeLessThanOrEqual(1985);
    for (const c of children) {
      const gap = year(c) - year(people[c.motherIndex ?? -1] as Person);
      expect(gap).toBeGreaterThanOrEqual(20);
      expect(gap).toBeLessThanOrEqual(40);
      expect(c.birthDate <= '2024-12-31').toBe(true);
    }
  });

  it('are single as children unless past 28, when some marry outside the world', () => {
    for (const c of children) {
      expect(c.spouseIndex).toBeNull();
      if (age(c) <= 28) expect(c.maritalStatus).toBe('SINGLE');
      else expect(['SINGLE', 'MARRIED']).toContain(c.maritalStatus);
    }
    const older = children.filter((c) => age(c) > 28);
    expect(share((c) => c.maritalStatus === 'MARRIED', older)).toBeGreaterThan(0.3);
  });

  it('are mostly alive; only people born before 1960 have died; about 0.5% emigrated', () => {
    expect(share((p) => p.status === 'ALIVE')).toBeGreaterThan(0.9);
    const deceased = people.filter((p) => p.status === 'DECEASED');
    expect(deceased.length).toBeGreaterThan(0);
    for (const p of deceased) expect(year(p)).toBeLessThan(1960);
    const emigrated = share((p) => p.status === 'EMIGRATED');
    expect(emigrated).toBeGreaterThan(0.002);
    expect(emigrated).toBeLessThan(0.01);
  });

  it('keep a living, resident parent in every household', () => {
    for (const p of parents.filter((p) => p.gender === 'MALE')) {
      const mother = people[p.index + 1];
      expect([p.status, mother?.status]).toContain('ALIVE');
    }
  });

  it('register in a residential or mixed building, at its address, not before birth', () => {
    for (const p of people.slice(0, 4_000)) {
      const building = world.building(Number(p.household.buildingId.slice(7)) - 1);
      expect(building.buildingId).toBe(p.household.buildingId);
      expect(['RESIDENTIAL', 'MIXED']).toContain(building.use);
      expect(p.household.divisionCode).toBe(building.divisionCode);
      expect(p.household.address).toMatch(
        new RegExp(`^${building.address}[1-6]单元\\d{1,2}0[1-4]室$`),
      );
      expect(checkDate(p.household.registeredOn).ok).toBe(true);
      expect(p.household.registeredOn >= p.birthDate).toBe(true);
    }
  });
});
