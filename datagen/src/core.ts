import { COUNTIES } from './divisions.js';
import { Permutation } from './random.js';

/** People per household: husband, wife, two children at consecutive indexes. */
export const HOUSEHOLD_SIZE = 4;
/** Sequence slots per county and sex in a national ID (3 digits, parity = sex). */
const SEQUENCE_SLOTS = 500;

/** The sizes and bijections a world is made of; every generator reads only this. */
export interface WorldCore {
  seed: number;
  peopleCount: number;
  householdCount: number;
  buildingCount: number;
  companyCount: number;
  /** index -> (county, sequence slot) of the national ID: unique by construction. */
  idSlots: Permutation;
  /** company -> household of its representative (and back, for `companiesRepresentedBy`). */
  representativeHousehold: Permutation;
  /** company -> organization-code serial. */
  orgSerial: Permutation;
}

/** Most people a world can hold with unique national IDs. */
export const CAPACITY = COUNTIES.length * SEQUENCE_SLOTS;

export function createCore(seed: number, people: number): WorldCore {
  if (!Number.isInteger(people) || people < 1 || people > CAPACITY) {
    throw new RangeError(
      `a world holds 1 to ${CAPACITY} people (unique national IDs over ${COUNTIES.length} counties); got ${people}`,
    );
  }
  if (!Number.isInteger(seed)) throw new RangeError(`the seed must be an integer; got ${seed}`);
  const householdCount = Math.ceil(people / HOUSEHOLD_SIZE);
  return {
    seed,
    peopleCount: people,
    householdCount,
    // About a dozen households to a residential building.
    buildingCount: Math.max(4, Math.ceil(people / 40)),
    companyCount: Math.max(1, Math.floor(people / 10)),
    idSlots: new Permutation(CAPACITY, 7_919 + (seed & 0xffff), 1_000_003 + (seed % 997)),
    representativeHousehold: new Permutation(householdCount, seed & 0xffff, 48_271),
    orgSerial: new Permutation(31 ** 6, seed & 0xfffff, 69_069),
  };
}
