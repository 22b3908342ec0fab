import { COUNTIES } from './divisions.js';
import { hash32, Permutation } from './random.js';

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

/** Organization-code serials: 6 characters of the 31-character credit-code alphabet. */
export const ORG_SERIALS = 31 ** 6;

/** Most people a world can hold with unique national IDs. */
export const CAPACITY = COUNTIES.length * SEQUENCE_SLOTS;

export function createCore(seed: number, people: number): WorldCore {
  if (!Number.isInteger(people) || people < 1 || people > CAPACITY) {
    throw new RangeError(
      `a world holds 1 to ${CAPACITY} people (unique national IDs over ${COUNTIES.length} counties); got ${people}`,
    );
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`the seed must be an integer; got ${seed}`);
  const householdCount = Math.ceil(people / HOUSEHOLD_SIZE);
  // The bijections' constants come from the whole seed, so every seed reorders the IDs.
  const constant = (n: number) => hash32(seed, 0, n);
  return {
    seed,
    peopleCount: people,
    householdCount,
    // About two households to a building (a fifth of the buildings are not homes).
    buildingCount: Math.max(1, Math.round(people / 8)),
    companyCount: Math.max(1, Math.round(people / 10)),
    idSlots: new Permutation(CAPACITY, constant(1), constant(2)),
    representativeHousehold: new Permutation(householdCount, constant(3), constant(4)),
    orgSerial: new Permutation(ORG_SERIALS, constant(5), constant(6)),
  };
}
