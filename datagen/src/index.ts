export { authorityOf, organizationCheckChar } from './companies.js';
export { CAPACITY, HOUSEHOLD_SIZE, type WorldCore } from './core.js';
export { COUNTIES, type County, countyIndexOf } from './divisions.js';
export { hash32, Permutation, Rng, Stream } from './random.js';
export type * from './types.js';
export { createWorld, type World, type WorldOptions } from './world.js';
export * from './departments/social.js';
export * from './departments/tax.js';
export * from './departments/housing.js';
