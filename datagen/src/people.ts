import { nationalIdCheckChar } from '@govgraph/schema';
import { HOUSEHOLD_SIZE, type WorldCore } from './core.js';
import { COUNTIES } from './divisions.js';
import { type HouseholdFacts, householdFacts } from './households.js';
import { FEMALE_GIVEN, MALE_GIVEN } from './names.js';
import { Rng, Stream } from './random.js';
import type { MaritalStatus, Person, PersonStatus } from './types.js';

const ROLES = ['HEAD', 'SPOUSE', 'CHILD', 'CHILD'] as const;
/** Share of adults living abroad; parents draw theirs in `householdFacts`. */
const EMIGRATED = 0.005;

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

/** A parent's status and marital status follow from the household's couple. */
function parentFacts(home: HouseholdFacts, role: 0 | 1) {
  const status = role === 0 ? home.fatherStatus : home.motherStatus;
  const partner = role === 0 ? home.motherStatus : home.fatherStatus;
  let maritalStatus: MaritalStatus = home.divorced ? 'DIVORCED' : 'MARRIED';
  // A widow(er) survives a deceased partner; the deceased stays MARRIED, as at death.
  if (!home.divorced && status !== 'DECEASED' && partner === 'DECEASED') maritalStatus = 'WIDOWED';
  const linked = !home.divorced && status !== 'DECEASED' && partner !== 'DECEASED';
  return { status, maritalStatus, linked };
}

export function personAt(core: WorldCore, i: number): Person {
  if (!Number.isInteger(i) || !exists(core, i)) {
    throw new RangeError(`person ${i} is outside 0..${core.peopleCount - 1}`);
  }
  const h = Math.floor(i / HOUSEHOLD_SIZE);
  const role = i % HOUSEHOLD_SIZE;
  const base = h * HOUSEHOLD_SIZE;
  const home = householdFacts(core, h);
  const rng = new Rng(core.seed, Stream.person, i);
  const isChild = role >= 2;
  const male = role === 0 || (isChild && rng.chance(0.51));
  const year =
    role === 0
      ? home.fatherYear
      : role === 1
        ? home.motherYear
        : Math.min(2024, home.motherYear + rng.between(20, 40));
  const birthDate = rng.date(`${year}-01-01`, `${year}-12-31`);
  let status: PersonStatus = 'ALIVE';
  let maritalStatus: MaritalStatus = 'SINGLE';
  let spouseIndex: number | null = null;
  if (isChild) {
    if (2026 - year >= 18 && rng.chance(EMIGRATED)) status = 'EMIGRATED';
    // Grown children marry someone outside the generated world, so no spouse index.
    if (2026 - year > 28 && rng.chance(0.5)) maritalStatus = 'MARRIED';
  } else {
    const parent = parentFacts(home, role === 0 ? 0 : 1);
    status = parent.status;
    maritalStatus = parent.maritalStatus;
    const partner = base + 1 - role;
    if (parent.linked && exists(core, base + 1)) spouseIndex = partner;
  }
  const names = male ? MALE_GIVEN : FEMALE_GIVEN;
  const given = rng.pick(names) + (rng.chance(0.6) ? rng.pick(names) : '');
  return {
    index: i,
    nationalId: nationalIdOf(core, i, male, birthDate),
    name: (role === 1 ? home.motherSurname : home.surname) + given,
    gender: male ? 'MALE' : 'FEMALE',
    birthDate,
    status,
    maritalStatus,
    household: {
      number: home.number,
      divisionCode: home.building.divisionCode,
      address: home.address,
      buildingId: home.building.buildingId,
      relationToHead: ROLES[role] ?? 'CHILD',
      // A child born before the household was registered joined it on that day.
      registeredOn: isChild && birthDate > home.registeredOn ? birthDate : home.registeredOn,
    },
    spouseIndex,
    fatherIndex: isChild ? base : null,
    motherIndex: isChild ? base + 1 : null,
    childIndexes: isChild ? [] : [base + 2, base + 3].filter((c) => exists(core, c)),
  };
}

/** Inverse of the national-ID construction: which person holds this ID, if any. */
export function personIndexOf(
  core: WorldCore,
  nationalId: string,
  countyIndex: number | undefined,
): number | undefined {
  if (countyIndex === undefined || !/^\d{17}[\dX]$/.test(nationalId)) return undefined;
  const slot = Math.floor(Number(nationalId.slice(14, 17)) / 2);
  const i = core.idSlots.invert(slot * COUNTIES.length + countyIndex);
  return exists(core, i) && personAt(core, i).nationalId === nationalId ? i : undefined;
}
