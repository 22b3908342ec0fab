import { nationalIdCheckChar } from '@govgraph/schema';
import { buildingAt, buildingFor } from './buildings.js';
import { HOUSEHOLD_SIZE, type WorldCore } from './core.js';
import { COUNTIES } from './divisions.js';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from './names.js';
import { Rng, Stream } from './random.js';
import type { Household, MaritalStatus, Person, PersonStatus } from './types.js';

const ROLES = ['HEAD', 'SPOUSE', 'CHILD', 'CHILD'] as const;

/** What all members of household h share, drawn once from the household's own stream. */
function householdFacts(core: WorldCore, h: number) {
  const rng = new Rng(core.seed, Stream.household, h);
  const building = buildingAt(
    core,
    buildingFor(core, Stream.household, h, ['RESIDENTIAL', 'MIXED']),
  );
  const motherYear = rng.between(1950, 1985);
  const fatherYear = Math.min(1985, Math.max(1950, motherYear + rng.between(-2, 5)));
  const coupleStatus = rng.weighted<MaritalStatus>([
    ['MARRIED', 82],
    ['DIVORCED', 8],
    ['WIDOWED', 10],
  ]);
  return {
    // A bijection of h keeps booklet numbers unique while not sequential.
    number: String(100_000_000 + ((h * 7_919 + 104_729) % 900_000_000)),
    building,
    address: `${building.address}${rng.between(1, 6)}单元${rng.between(1, building.floors)}0${rng.between(1, 4)}室`,
    surname: rng.pick(SURNAMES),
    motherSurname: rng.pick(SURNAMES),
    fatherYear,
    motherYear,
    coupleStatus,
    marriedOn: rng.date(
      `${Math.max(motherYear, fatherYear) + 20}-01-01`,
      `${Math.max(motherYear, fatherYear) + 30}-12-31`,
    ),
  };
}

/** The national ID's county and sequence slot come from a bijection of i: unique by construction. */
function nationalIdOf(core: WorldCore, i: number, male: boolean, birthDate: string): string {
  const x = core.idSlots.apply(i);
  const county = COUNTIES[x % COUNTIES.length];
  const slot = Math.floor(x / COUNTIES.length);
  const sequence = String(2 * slot + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${county?.code}${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + nationalIdCheckChar(first17);
}

const exists = (core: WorldCore, i: number) => i >= 0 && i < core.peopleCount;

export function personAt(core: WorldCore, i: number): Person {
  if (!Number.isInteger(i) || !exists(core, i)) {
    throw new RangeError(`person ${i} is outside 0..${core.peopleCount - 1}`);
  }
  const h = Math.floor(i / HOUSEHOLD_SIZE);
  const role = i % HOUSEHOLD_SIZE;
  const base = h * HOUSEHOLD_SIZE;
  const home = householdFacts(core, h);
  const rng = new Rng(core.seed, Stream.person, i);
  const male = role === 0 || (role >= 2 && rng.chance(0.51));
  const year =
    role === 0
      ? home.fatherYear
      : role === 1
        ? home.motherYear
        : Math.min(2024, home.motherYear + rng.between(20, 40));
  const birthDate = rng.date(`${year}-01-01`, `${year}-12-31`);
  const isChild = role >= 2;
  const age = 2026 - year;
  let status: PersonStatus = 'ALIVE';
  if (!isChild && year < 1960 && rng.chance(0.12)) status = 'DECEASED';
  else if (age >= 18 && rng.chance(0.005)) status = 'EMIGRATED';
  const married = !isChild && home.coupleStatus === 'MARRIED';
  const maritalStatus: MaritalStatus = isChild
    ? age > 28 && rng.chance(0.5)
      ? 'MARRIED'
      : 'SINGLE'
    : home.coupleStatus;
  const spouse = base + (role === 0 ? 1 : 0);
  const household: Household = {
    number: home.number,
    divisionCode: home.building.divisionCode,
    address: home.address,
    buildingId: home.building.buildingId,
    relationToHead: ROLES[role] ?? 'CHILD',
    registeredOn: isChild ? birthDate : home.marriedOn,
  };
  const given =
    rng.pick(male ? MALE_GIVEN : FEMALE_GIVEN) +
    (rng.chance(0.6) ? rng.pick(male ? MALE_GIVEN : FEMALE_GIVEN) : '');
  return {
    index: i,
    nationalId: nationalIdOf(core, i, male, birthDate),
    name: (role === 1 ? home.motherSurname : home.surname) + given,
    gender: male ? 'MALE' : 'FEMALE',
    birthDate,
    status,
    maritalStatus,
    household,
    spouseIndex:
      married && role < 2 && exists(core, spouse) && exists(core, base + 1) ? spouse : null,
    fatherIndex: isChild ? base : null,
    motherIndex: isChild && exists(core, base + 1) ? base + 1 : null,
    childIndexes: isChild ? [] : [base + 2, base + 3].filter((c) => exists(core, c)),
  };
}

/** Inverse of the national-ID construction: which person holds this ID, if any. */
export function personIndexOf(
  core: WorldCore,
  nationalId: string,
  countyIndex: number | undefined,
): number | undefined {
  if (countyIndex === undefined || nationalId.length !== 18) return undefined;
  const slot = Math.floor(Number(nationalId.slice(14, 17)) / 2);
  const i = core.idSlots.invert(slot * COUNTIES.length + countyIndex);
  return exists(core, i) && personAt(core, i).nationalId === nationalId ? i : undefined;
}
