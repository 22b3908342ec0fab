import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng, type World } from '@govgraph/datagen';
import { REPO_ROOT } from '../paths.js';
import type { ScenarioName } from './benchArgs.js';

/** Who sends a request: an agency with a grant and a purpose, or nobody (PUBLIC data only). */
export type BenchCaller = 'agency' | 'anonymous';

/** One GraphQL request of a scenario, ready to send. */
export interface BenchRequest {
  caller: BenchCaller;
  /** The JSON body: `{ query, variables }`. */
  body: string;
}

export interface Scenario {
  name: ScenarioName;
  /** One line for the report. */
  title: string;
  /** The department whose Query field the scenario starts from: the direct ceiling asks it. */
  rootDepartment: string;
  /** `count` requests for people (or names) drawn from the world by `rng`. */
  requests(world: World, rng: Rng, count: number): BenchRequest[];
}

/** People per request of the list scenario; the statement probe also sends a list of 10. */
export const LIST_SIZE = 100;

export const PEOPLE_LIST_QUERY = `query PeopleList($nationalIds: [NationalId!]!) {
  people(nationalIds: $nationalIds) {
    nationalId
    name
    birthDate
    taxProfile { hasArrears }
    socialInsurance { pensionStatus insuredSince }
  }
}`;

export const COMPANY_SEARCH_QUERY = `query CompanySearch($name: String!) {
  searchLegalEntities(name: $name, first: 10) {
    totalCount
    nodes { creditCode name kind status established }
  }
}`;

const body = (query: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, variables });

const personId = (world: World, rng: Rng) => world.person(rng.int(world.peopleCount)).nationalId;

/** A list of `size` different people. */
export function peopleListRequest(world: World, rng: Rng, size: number): BenchRequest {
  const ids = new Set<string>();
  while (ids.size < Math.min(size, world.peopleCount)) ids.add(personId(world, rng));
  return { caller: 'agency', body: body(PEOPLE_LIST_QUERY, { nationalIds: [...ids] }) };
}

/**
 * Two characters from the distinctive middle of a registered name (after the city, before the
 * trade words), e.g. `盛世` of 抚顺盛世科技有限公司: a search that finds a handful of entities.
 */
export function searchTermOf(companyName: string): string {
  return companyName.slice(2, 4);
}

/** The scenarios by name; the citizen record is read from the repository at run time. */
export function scenarios(): Record<ScenarioName, Scenario> {
  const citizenRecord = readFileSync(join(REPO_ROOT, 'citizen-record.graphql'), 'utf8');
  const record: Scenario = {
    name: 'citizen-record',
    title: 'citizen record (citizen-record.graphql, every department) for random people',
    rootDepartment: 'population',
    requests: (world, rng, count) =>
      Array.from({ length: count }, () => ({
        caller: 'agency',
        body: body(citizenRecord, { nationalId: personId(world, rng) }),
      })),
  };
  const list: Scenario = {
    name: 'people-list',
    title: `${LIST_SIZE}-person list with population, tax and social insurance fields`,
    rootDepartment: 'population',
    requests: (world, rng, count) =>
      Array.from({ length: count }, () => peopleListRequest(world, rng, LIST_SIZE)),
  };
  const search: Scenario = {
    name: 'company-search',
    title: 'anonymous public company search (market, PUBLIC fields only)',
    rootDepartment: 'market',
    requests: (world, rng, count) =>
      Array.from({ length: count }, () => ({
        caller: 'anonymous',
        body: body(COMPANY_SEARCH_QUERY, {
          name: searchTermOf(world.company(rng.int(world.companyCount)).name),
        }),
      })),
  };
  const mixed: Scenario = {
    name: 'mixed',
    title: 'mixed: citizen record, people list and company search in turn',
    rootDepartment: 'population',
    requests: (world, rng, count) => {
      const parts = [record, list, search];
      return Array.from({ length: count }, (_, i) =>
        (parts[i % parts.length] ?? record).requests(world, rng, 1),
      ).flat();
    },
  };
  return {
    'citizen-record': record,
    'people-list': list,
    'company-search': search,
    mixed,
  };
}

// A stream of its own ("bnch"): the people asked for are tied to no generated entity.
const BENCH_STREAM = 0x626e6368;

/**
 * The benchmarks' random stream; `lane` keeps samples apart (bench's cold and warm sets;
 * bench:scale samples lane 0).
 */
export function benchRng(seed: number, lane: number): Rng {
  return new Rng(seed, BENCH_STREAM, lane);
}
