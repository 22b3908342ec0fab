import { buildingAt } from './buildings.js';
import { companiesRepresentedBy, companyAt } from './companies.js';
import { createCore, type WorldCore } from './core.js';
import { countyIndexOf } from './divisions.js';
import { personAt, personIndexOf } from './people.js';
import { abnormalListingsOf, dishonestyListingOf, inspectionsOf, penaltiesOf } from './records.js';
import type {
  AbnormalListing,
  Building,
  Company,
  DishonestyListing,
  Inspection,
  Penalty,
  Person,
} from './types.js';

export interface WorldOptions {
  seed: number;
  people: number;
}

/**
 * A synthetic country, the same for every department: person i has the same national ID in
 * every database. Every entity is a pure function of (seed, index), so any one can be made
 * without making the others.
 */
export interface World {
  readonly seed: number;
  readonly peopleCount: number;
  readonly buildingCount: number;
  readonly companyCount: number;
  /** The sizes and bijections underneath, for department generators in `departments/`. */
  readonly core: WorldCore;
  person(i: number): Person;
  persons(from?: number, to?: number): Iterable<Person>;
  building(k: number): Building;
  buildings(from?: number, to?: number): Iterable<Building>;
  company(j: number): Company;
  companies(from?: number, to?: number): Iterable<Company>;
  inspections(j: number): Inspection[];
  penalties(j: number): Penalty[];
  abnormalListings(j: number): AbnormalListing[];
  dishonestyListing(j: number): DishonestyListing | null;
  companiesRepresentedBy(i: number): number[];
  personIndexOf(nationalId: string): number | undefined;
}

function* range<T>(at: (i: number) => T, count: number, from = 0, to = count): Iterable<T> {
  for (let i = Math.max(0, from); i < Math.min(count, to); i++) yield at(i);
}

export function createWorld(options: WorldOptions): World {
  const core = createCore(options.seed, options.people);
  const person = (i: number) => personAt(core, i);
  const building = (k: number) => buildingAt(core, k);
  const company = (j: number) => companyAt(core, j);
  return {
    seed: core.seed,
    peopleCount: core.peopleCount,
    buildingCount: core.buildingCount,
    companyCount: core.companyCount,
    core,
    person,
    persons: (from, to) => range(person, core.peopleCount, from, to),
    building,
    buildings: (from, to) => range(building, core.buildingCount, from, to),
    company,
    companies: (from, to) => range(company, core.companyCount, from, to),
    inspections: (j) => inspectionsOf(core, j),
    penalties: (j) => penaltiesOf(core, j),
    abnormalListings: (j) => abnormalListingsOf(core, j),
    dishonestyListing: (j) => dishonestyListingOf(core, j),
    companiesRepresentedBy: (i) =>
      i >= 0 && i < core.peopleCount ? companiesRepresentedBy(core, i) : [],
    personIndexOf: (id) => personIndexOf(core, id, countyIndexOf(id.slice(0, 6))),
  };
}
