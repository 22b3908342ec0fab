import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { SocialDB } from './db/schema.js';
import { isSocialSeeded, seedSocial } from './db/seed.js';
import { department } from './department.js';

export { seedSocial };

/**
 * The social department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<SocialDB, World> = {
  ...department,
  seed: seedSocial,
  isSeeded: isSocialSeeded,
};
