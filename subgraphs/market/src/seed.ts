import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { MarketDB } from './db/schema.js';
import { isMarketSeeded, seedMarket } from './db/seed.js';
import { department } from './department.js';

export { seedMarket };

/**
 * The market department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<MarketDB, World> = {
  ...department,
  seed: seedMarket,
  isSeeded: isMarketSeeded,
};
