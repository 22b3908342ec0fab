import type { SeedProgress } from '@govgraph/department';
import type { HubDepartment } from './HubDepartment.js';
import { departmentSettings } from './hubConfig.js';

export interface SeedAllOptions<W> {
  departments: readonly HubDepartment<W>[];
  world: W;
  /** Where each department's database is: `<PREFIX>_DATABASE_URL`, `GOVGRAPH_DATA_DIR`. */
  env: Record<string, string | undefined>;
  /** Progress callback for one department's tables. */
  progress?: (department: string) => SeedProgress | undefined;
}

export interface SeededDepartment {
  name: string;
  engine: 'sqlite' | 'postgres';
  ms: number;
}

/**
 * Fills every department's own database with the synthetic world, replacing what was there.
 * Departments are seeded one after another: SQLite writes are synchronous, so running them
 * side by side in one process would not finish any sooner.
 */
export async function seedAll<W>(options: SeedAllOptions<W>): Promise<SeededDepartment[]> {
  const seeded: SeededDepartment[] = [];
  for (const department of options.departments) {
    const started = performance.now();
    const { database: databaseOptions } = departmentSettings(department, options.env);
    const database = await department.openDatabase(databaseOptions);
    try {
      await department.seed(database, options.world, options.progress?.(department.name));
    } finally {
      await database.close();
    }
    seeded.push({
      name: department.name,
      engine: database.engine,
      ms: performance.now() - started,
    });
  }
  return seeded;
}
