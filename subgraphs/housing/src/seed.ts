import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { HousingDB } from './db/schema.js';
import { isHousingSeeded, seedHousing } from './db/seed.js';
import { department } from './department.js';

export { seedHousing };

/**
 * The housing department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<HousingDB, World> = {
  ...department,
  seed: seedHousing,
  isSeeded: isHousingSeeded,
};
