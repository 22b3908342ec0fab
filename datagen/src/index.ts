export { authorityOf, organizationCheckChar } from './companies.js';
export { CAPACITY, HOUSEHOLD_SIZE, type WorldCore } from './core.js';
export * from './departments/approvals.js';
export * from './departments/complaints.js';
export * from './departments/housing.js';
export * from './departments/social.js';
export * from './departments/statistics.js';
export * from './departments/tax.js';
export {
  COUNTIES,
  type County,
  countyIndexOf,
  countyOf,
  countyPrefix,
  provinceAbbreviation,
  shortName,
  townOf,
} from './divisions.js';
export { dayNumber, hash32, isoDate, Permutation, Rng, Stream } from './random.js';
export type * from './types.js';
export { createWorld, type World, type WorldOptions } from './world.js';
