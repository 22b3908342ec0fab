import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { TaxDB } from './db/schema.js';
import { isTaxSeeded, seedTax } from './db/seed.js';
import { department } from './department.js';

export { seedTax };

/**
 * The tax department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<TaxDB, World> = {
  ...department,
  seed: seedTax,
  isSeeded: isTaxSeeded,
};
