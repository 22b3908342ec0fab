import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { ComplaintsDB } from './db/schema.js';
import { isComplaintsSeeded, seedComplaints } from './db/seed.js';
import { department } from './department.js';

export { seedComplaints };

/**
 * The complaints department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<ComplaintsDB, World> = {
  ...department,
  seed: seedComplaints,
  isSeeded: isComplaintsSeeded,
};
