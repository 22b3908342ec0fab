import type { World } from '../world.js';

/** A published indicator with its observations, as the statistics bureau stores it. */
export interface StatisticalIndicator {
  code: string;
  name: string;
  unit: string;
  description: string;
  frequency: 'YEARLY';
  sourceDepartment: string;
  releaseDate: string;
  /** Observations: period → county division code → value. */
  values: Map<string, Map<string, number>>;
}

/** Periods (years) of newly established enterprises. */
export const NEW_ENTERPRISE_YEARS: readonly string[] = ['2021', '2022', '2023', '2024', '2025'];
// Year-end 2025 figures, released the following spring.
const STOCK_PERIOD = '2025';
const RELEASED = '2026-03-15';

const count = (values: Map<string, Map<string, number>>, period: string, division: string) => {
  const byCounty = values.get(period) ?? new Map<string, number>();
  byCounty.set(division, (byCounty.get(division) ?? 0) + 1);
  values.set(period, byCounty);
};

/**
 * The bureau's indicators, computed from the registers of the world in one streaming pass over
 * people and one over companies (1,000,000 people take a few seconds): registered population
 * by county of household registration (alive and resident), by sex, active market entities by
 * county, and market entities newly established per year by county.
 */
export function computeIndicators(world: World): StatisticalIndicator[] {
  const make = (
    code: string,
    name: string,
    unit: string,
    description: string,
    sourceDepartment: string,
  ): StatisticalIndicator => ({
    code,
    name,
    unit,
    description,
    frequency: 'YEARLY',
    sourceDepartment,
    releaseDate: RELEASED,
    values: new Map(),
  });
  const population = make(
    'POP_REGISTERED',
    'Registered resident population',
    'persons',
    'People alive and resident, by county of household registration, at year end.',
    'population',
  );
  const male = make(
    'POP_MALE',
    'Registered male population',
    'persons',
    'Men among the registered resident population.',
    'population',
  );
  const female = make(
    'POP_FEMALE',
    'Registered female population',
    'persons',
    'Women among the registered resident population.',
    'population',
  );
  const active = make(
    'ENT_ACTIVE',
    'Active market entities',
    'entities',
    'Market entities with status ACTIVE, by county of registered address, at year end.',
    'market',
  );
  const founded = make(
    'ENT_NEW',
    'Newly established market entities',
    'entities',
    'Market entities established in the year, by county of registered address.',
    'market',
  );
  for (const p of world.persons()) {
    if (p.status !== 'ALIVE') continue;
    count(population.values, STOCK_PERIOD, p.household.divisionCode);
    count(
      p.gender === 'MALE' ? male.values : female.values,
      STOCK_PERIOD,
      p.household.divisionCode,
    );
  }
  for (const c of world.companies()) {
    if (c.status === 'ACTIVE') count(active.values, STOCK_PERIOD, c.divisionCode);
    const year = c.established.slice(0, 4);
    if (NEW_ENTERPRISE_YEARS.includes(year)) count(founded.values, year, c.divisionCode);
  }
  return [active, founded, female, male, population];
}
