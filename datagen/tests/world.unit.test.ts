import { checkNationalId } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import { CAPACITY, createWorld } from '../src/index.js';

const world = createWorld({ seed: 42, people: 20_000 });

describe('a world', () => {
  it('is the same for the same seed and size, entity by entity', () => {
    const again = createWorld({ seed: 42, people: 20_000 });
    for (const i of [0, 3, 12_345, 19_999]) expect(again.person(i)).toEqual(world.person(i));
    for (const k of [0, 1_234, world.buildingCount - 1]) {
      expect(again.building(k)).toEqual(world.building(k));
    }
    for (const j of [0, 321, world.companyCount - 1]) {
      expect(again.company(j)).toEqual(world.company(j));
      expect(again.inspections(j)).toEqual(world.inspections(j));
      expect(again.penalties(j)).toEqual(world.penalties(j));
      expect(again.abnormalListings(j)).toEqual(world.abnormalListings(j));
      expect(again.dishonestyListing(j)).toEqual(world.dishonestyListing(j));
    }
  });

  it('differs for another seed, and is not a neighbouring seed with indexes swapped', () => {
    const other = createWorld({ seed: 43, people: 20_000 });
    let sameId = 0;
    let sameAsNeighbour = 0;
    for (let i = 0; i < 2_000; i++) {
      const mine = world.person(i);
      const theirs = other.person(i);
      const neighbour = other.person(i ^ 1);
      if (mine.nationalId === theirs.nationalId) sameId++;
      if (mine.name === neighbour.name && mine.birthDate === neighbour.birthDate) sameAsNeighbour++;
    }
    expect(sameId).toBe(0);
    expect(sameAsNeighbour).toBeLessThan(10);
    expect(other.company(5).creditCode).not.toBe(world.company(5).creditCode);
  });

  it('gives the same entity by index as by iteration, and iterates ranges clamped to the world', () => {
    const people = [...world.persons()];
    expect(people).toHaveLength(20_000);
    expect(people[777]).toEqual(world.person(777));
    expect(people[19_999]).toEqual(world.person(19_999));
    const buildings = [...world.buildings()];
    expect(buildings).toHaveLength(world.buildingCount);
    expect(buildings[99]).toEqual(world.building(99));
    const companies = [...world.companies()];
    expect(companies).toHaveLength(world.companyCount);
    expect(companies[55]).toEqual(world.company(55));
    expect([...world.persons(10, 13)].map((p) => p.index)).toEqual([10, 11, 12]);
    expect([...world.persons(19_998, 30_000)].map((p) => p.index)).toEqual([19_998, 19_999]);
    expect([...world.companies(-5, 2)].map((c) => c.index)).toEqual([0, 1]);
    expect([...world.buildings(7, 7)]).toEqual([]);
  });

  it('gives the same person whichever order people are asked for', () => {
    const backwards = createWorld({ seed: 42, people: 20_000 });
    const asked = [19_999, 7, 8, 6, 5, 4_001, 4_000];
    const got = asked.map((i) => backwards.person(i));
    expect(got).toEqual(asked.map((i) => world.person(i)));
  });

  it('sizes buildings and companies from the people: about 1/8 and 1/10, at least one each', () => {
    expect(world.peopleCount).toBe(20_000);
    expect(world.buildingCount).toBe(2_500);
    expect(world.companyCount).toBe(2_000);
    const tiny = createWorld({ seed: 1, people: 1 });
    expect([tiny.buildingCount, tiny.companyCount]).toEqual([1, 1]);
  });

  it('refuses sizes beyond the capacity of unique national IDs, and indexes outside the world', () => {
    expect(CAPACITY).toBeGreaterThanOrEqual(1_000_000);
    expect(() => createWorld({ seed: 1, people: CAPACITY + 1 })).toThrow(
      new RangeError(
        `a world holds 1 to ${CAPACITY} people (unique national IDs over ${CAPACITY / 500} counties); got ${CAPACITY + 1}`,
      ),
    );
    expect(() => createWorld({ seed: 1, people: 0 })).toThrow(RangeError);
    expect(() => createWorld({ seed: 1.5, people: 10 })).toThrow(RangeError);
    expect(() => world.person(20_000)).toThrow(new RangeError('person 20000 is outside 0..19999'));
    expect(() => world.person(-1)).toThrow(RangeError);
    expect(() => world.person(1.5)).toThrow(RangeError);
    expect(() => world.building(world.buildingCount)).toThrow(RangeError);
    expect(() => world.company(-1)).toThrow(new RangeError('company -1 is outside 0..1999'));
    expect(() => world.inspections(2_000)).toThrow(RangeError);
    expect(world.companiesRepresentedBy(20_000)).toEqual([]);
  });

  it('holds a million people: the last household and its IDs are valid at random access', () => {
    const big = createWorld({ seed: 9, people: 1_000_000 });
    expect(big.companyCount).toBe(100_000);
    const last = big.person(999_999);
    expect(last.household.relationToHead).toBe('CHILD');
    expect(last.fatherIndex).toBe(999_996);
    expect(big.person(999_996).childIndexes).toEqual([999_998, 999_999]);
    for (const i of [0, 123_457, 500_000, 999_999]) {
      const p = big.person(i);
      expect(checkNationalId(p.nationalId).ok).toBe(true);
      expect(big.personIndexOf(p.nationalId)).toBe(i);
    }
    for (const j of [0, 4, 54_321, 99_999]) {
      const rep = big.company(j).representativeIndex;
      expect(big.companiesRepresentedBy(rep)).toContain(j);
    }
  });
});
