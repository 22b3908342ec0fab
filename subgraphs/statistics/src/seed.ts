import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { StatisticsDB } from './db/schema.js';
import { isStatisticsSeeded, seedStatistics } from './db/seed.js';
import { department } from './department.js';

export { seedStatistics };

/**
 * The statistics department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<StatisticsDB, World> = {
  ...department,
  seed: seedStatistics,
  isSeeded: isStatisticsSeeded,
};
