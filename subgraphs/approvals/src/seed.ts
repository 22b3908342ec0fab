import type { World } from '@govgraph/datagen';
import type { SeedableDepartment } from '@govgraph/department';
import type { ApprovalsDB } from './db/schema.js';
import { isApprovalsSeeded, seedApprovals } from './db/seed.js';
import { department } from './department.js';

export { seedApprovals };

/**
 * The approvals department with its seeding from the synthetic world: the package's `./seed` entry,
 * for the tools and tests. Apart from `department` so production code never loads the generator.
 */
export const seedableDepartment: SeedableDepartment<ApprovalsDB, World> = {
  ...department,
  seed: seedApprovals,
  isSeeded: isApprovalsSeeded,
};
