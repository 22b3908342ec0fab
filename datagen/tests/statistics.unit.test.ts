import { checkDate } from '@govgraph/schema';
import { describe, expect, it } from 'vitest';
import {
  COUNTIES,
  computeIndicators,
  createWorld,
  NEW_ENTERPRISE_YEARS,
  type StatisticalIndicator,
  type World,
} from '../src/index.js';

const world = createWorld({ seed: 11, people: 12_000 });
const indicators = computeIndicators(world);
const byCode = new Map(indicators.map((i) => [i.code, i]));
const people = [...world.persons()];
const companies = [...world.companies()];

// Counted here straight from the registers, independently of computeIndicators.
const tally = (keys: Iterable<string>) => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};
const sorted = (counts: ReadonlyMap<string, number> | undefined) =>
  [...(counts ?? new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b));
const indicator = (code: string): StatisticalIndicator => {
  const found = byCode.get(code);
  if (!found) throw new Error(`computeIndicators did not publish ${code}`);
  return found;
};
const alive = people.filter((p) => p.status === 'ALIVE');

describe('computeIndicators', () => {
  it('publishes the five indicators by code, yearly, with a release date and a source department', () => {
    expect(indicators.map((i) => i.code)).toEqual([
      'ENT_ACTIVE',
      'ENT_NEW',
      'POP_FEMALE',
      'POP_MALE',
      'POP_REGISTERED',
    ]);
    for (const i of indicators) {
      expect(i.frequency).toBe('YEARLY');
      expect(checkDate(i.releaseDate)).toEqual({ ok: true, value: i.releaseDate });
      expect(i.name.length).toBeGreaterThan(0);
      expect(i.description.length).toBeGreaterThan(0);
    }
    expect(indicator('POP_REGISTERED').sourceDepartment).toBe('population');
    expect(indicator('ENT_NEW').sourceDepartment).toBe('market');
  });

  it('counts people alive and resident by county of household registration, and by sex', () => {
    expect([...indicator('POP_REGISTERED').values.keys()]).toEqual(['2025']);
    expect(sorted(indicator('POP_REGISTERED').values.get('2025'))).toEqual(
      sorted(tally(alive.map((p) => p.household.divisionCode))),
    );
    expect(sorted(indicator('POP_MALE').values.get('2025'))).toEqual(
      sorted(tally(alive.filter((p) => p.gender === 'MALE').map((p) => p.household.divisionCode))),
    );
    expect(sorted(indicator('POP_FEMALE').values.get('2025'))).toEqual(
      sorted(
        tally(alive.filter((p) => p.gender === 'FEMALE').map((p) => p.household.divisionCode)),
      ),
    );
    // The deceased and emigrated are off the register: the world has some of each.
    expect(alive.length).toBeLessThan(people.length);
  });

  it('counts active enterprises by county, and enterprises established in each year 2021–2025 whatever their status now', () => {
    expect(sorted(indicator('ENT_ACTIVE').values.get('2025'))).toEqual(
      sorted(tally(companies.filter((c) => c.status === 'ACTIVE').map((c) => c.divisionCode))),
    );
    const founded = indicator('ENT_NEW').values;
    expect([...founded.keys()].sort()).toEqual([...NEW_ENTERPRISE_YEARS]);
    for (const year of NEW_ENTERPRISE_YEARS) {
      expect(sorted(founded.get(year))).toEqual(
        sorted(
          tally(companies.filter((c) => c.established.startsWith(year)).map((c) => c.divisionCode)),
        ),
      );
    }
    const inactiveFounded = companies.filter(
      (c) => c.status !== 'ACTIVE' && NEW_ENTERPRISE_YEARS.includes(c.established.slice(0, 4)),
    );
    expect(inactiveFounded.length).toBeGreaterThan(0);
  });

  it('uses only county codes of the world and positive whole counts', () => {
    const counties = new Set(COUNTIES.map((c) => c.code));
    for (const i of indicators) {
      for (const byCounty of i.values.values()) {
        for (const [division, value] of byCounty) {
          expect(counties.has(division)).toBe(true);
          expect(Number.isInteger(value) && value > 0).toBe(true);
        }
      }
    }
  });

  it('is deterministic: the same world gives the same indicators', () => {
    expect(computeIndicators(createWorld({ seed: 11, people: 12_000 }))).toEqual(indicators);
  });

  it('reads each register once, in order, without random access', () => {
    let personReads = 0;
    let companyReads = 0;
    const streamed: World = {
      ...world,
      person: () => {
        throw new Error('computeIndicators looked up a person by index');
      },
      company: () => {
        throw new Error('computeIndicators looked up a company by index');
      },
      *persons(from, to) {
        for (const p of world.persons(from, to)) {
          personReads++;
          yield p;
        }
      },
      *companies(from, to) {
        for (const c of world.companies(from, to)) {
          companyReads++;
          yield c;
        }
      },
    };
    expect(computeIndicators(streamed)).toEqual(indicators);
    expect(personReads).toBe(world.peopleCount);
    expect(companyReads).toBe(world.companyCount);
  });
});
