import type { Database } from './db/openDatabase.js';
import type { DepartmentModule } from './departmentModule.js';

/** Reports seeding progress: rows written so far out of the total for one table. */
export type SeedProgress = (table: string, done: number, total: number) => void;

/**
 * A department with its synthetic-data seeding, as each department package's `./seed` entry
 * exports it for the tools (`npm start`, `npm run seed`, bench) and tests. `W` is the world
 * type of `@govgraph/datagen`, kept generic so this package does not depend on it.
 */
export interface SeedableDepartment<DB, W> extends DepartmentModule<DB> {
  /** Replaces the department's data with the synthetic world's, in bulk. */
  seed(database: Database<DB>, world: W, progress?: SeedProgress): Promise<void>;
  /** True when the database already holds data (so `npm start` does not seed twice). */
  isSeeded(database: Database<DB>): Promise<boolean>;
}
