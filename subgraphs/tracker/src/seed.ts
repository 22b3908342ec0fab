import type { SeedableDepartment } from '@govgraph/department';
import type { HubDB } from '@govgraph/governance';
import { department } from './department.js';

/**
 * The tracker as the tools seed departments, alike with the others. The audit log fills as the
 * hub answers; synthetic data has no place in it, so there is nothing to write.
 */
export const seedableDepartment: SeedableDepartment<HubDB, unknown> = {
  ...department,
  seed: async () => {},
  isSeeded: async () => true,
};
