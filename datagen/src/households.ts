import { buildingAt, buildingFor } from './buildings.js';
import { HOUSEHOLD_SIZE, type WorldCore } from './core.js';
import { SURNAMES } from './names.js';
import { Rng, Stream } from './random.js';
import type { Building, PersonStatus } from './types.js';

/** What all members of a household share, and what its couple decides together. */
export interface HouseholdFacts {
  h: number;
  /** 9-digit household booklet number. */
  number: string;
  building: Building;
  address: string;
  registeredOn: string;
  surname: string;
  motherSurname: string;
  fatherYear: number;
  motherYear: number;
  divorced: boolean;
  fatherStatus: PersonStatus;
  motherStatus: PersonStatus;
}

const DEATH_BEFORE_1960 = 0.2;
const EMIGRATED = 0.005;

/**
 * Statuses are drawn per couple so that every household keeps a living, resident parent:
 * the company representatives are chosen among them (see `representativeOf`).
 */
function parentStatuses(rng: Rng, fatherYear: number, motherYear: number, hasMother: boolean) {
  const draw = (year: number): PersonStatus =>
    year < 1960 && rng.chance(DEATH_BEFORE_1960)
      ? 'DECEASED'
      : rng.chance(EMIGRATED)
        ? 'EMIGRATED'
        : 'ALIVE';
  const father = draw(fatherYear);
  const mother = draw(motherYear);
  if (!hasMother) return { fatherStatus: 'ALIVE' as const, motherStatus: 'ALIVE' as const };
  return father === 'ALIVE'
    ? { fatherStatus: father, motherStatus: mother }
    : { fatherStatus: father, motherStatus: 'ALIVE' as const };
}

function drawHousehold(core: WorldCore, h: number): HouseholdFacts {
  const rng = new Rng(core.seed, Stream.household, h);
  const building = buildingAt(
    core,
    buildingFor(core, Stream.household, h, ['RESIDENTIAL', 'MIXED']),
  );
  const motherYear = rng.between(1950, 1985);
  const fatherYear = Math.min(1985, Math.max(1950, motherYear + rng.between(-2, 5)));
  const coupleYear = Math.max(motherYear, fatherYear);
  const hasMother = h * HOUSEHOLD_SIZE + 1 < core.peopleCount;
  return {
    h,
    // An affine bijection of h (7919 is prime to 9 * 10^8) keeps booklet numbers unique.
    number: String(100_000_000 + ((h * 7_919 + 104_729) % 900_000_000)),
    building,
    // Rooms 01-04 of a floor; the housing registry keeps 05-08 for second homes.
    address: `${building.address}${rng.between(1, 6)}单元${rng.between(1, building.floors)}0${rng.between(1, 4)}室`,
    registeredOn: rng.date(`${coupleYear + 20}-01-01`, `${coupleYear + 30}-12-31`),
    surname: rng.pick(SURNAMES),
    motherSurname: rng.pick(SURNAMES),
    fatherYear,
    motherYear,
    divorced: rng.chance(0.1),
    ...parentStatuses(rng, fatherYear, motherYear, hasMother),
  };
}

// The four members of a household are usually generated one after another; remembering the
// last household per world saves three of every four draws.
const lastHousehold = new WeakMap<WorldCore, HouseholdFacts>();

export function householdFacts(core: WorldCore, h: number): HouseholdFacts {
  const last = lastHousehold.get(core);
  if (last?.h === h) return last;
  const facts = drawHousehold(core, h);
  lastHousehold.set(core, facts);
  return facts;
}
