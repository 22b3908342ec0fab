import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { PopulationDB } from './db/schema.js';
import { isPopulationSeeded, seedPopulation } from './db/seed.js';
import { department } from './department.js';

export { seedPopulation };

/**
 * The population department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<PopulationDB, World> = {
  ...department,
  seed: seedPopulation,
  isSeeded: isPopulationSeeded,
};
