import { createWorld, type World } from '@govgraph/datagen';
import type { HubDepartment } from '../HubDepartment.js';
import { type SeededDepartment, seedAll } from '../seedAll.js';
import { createSeedProgress } from '../seedProgress.js';
import {
  benchDatabaseName,
  clearSeedMarker,
  currentMigrations,
  databaseUrl,
  ensureDatabase,
  readSeedMarker,
  writeSeedMarker,
} from './benchDatabases.js';

export interface PrepareWorldOptions {
  departments: readonly HubDepartment<World>[];
  /** The PostgreSQL server the benchmark databases live on. */
  serverUrl: string;
  people: number;
  seed: number;
  /** Seed even the databases whose marker says they hold this world already. */
  reseed: boolean;
  log: (line: string) => void;
}

export interface PreparedWorld {
  /** `<PREFIX>_DATABASE_URL` of every department, for `hubConfig`. */
  databaseEnv: Record<string, string>;
  /** Database URL by department name. */
  urls: Record<string, string>;
  /** The departments seeded by this run (none when every database was reused). */
  seeded: SeededDepartment[];
}

/**
 * Gives every department its own benchmark database holding the world of `people` and
 * `seed`, seeding only those whose marker does not match (seeding a million people takes
 * many minutes, so a rerun reuses what an earlier run left).
 */
export async function prepareWorld(options: PrepareWorldOptions): Promise<PreparedWorld> {
  const { people, seed, log } = options;
  const urls: Record<string, string> = {};
  const databaseEnv: Record<string, string> = {};
  const stale: HubDepartment<World>[] = [];
  for (const department of options.departments) {
    const name = benchDatabaseName(people, department.name);
    const url = databaseUrl(options.serverUrl, name);
    urls[department.name] = url;
    databaseEnv[`${department.envPrefix}_DATABASE_URL`] = url;
    if (await ensureDatabase(options.serverUrl, name)) log(`  created database ${name}`);
    // Opening runs the department's migrations, so a new one shows in the comparison below.
    const database = await department.openDatabase({ url, sqliteFile: '' });
    const hasRows = await department.isSeeded(database).finally(() => database.close());
    const marker = await readSeedMarker(url);
    const current =
      hasRows &&
      marker?.people === people &&
      marker.seed === seed &&
      marker.migrations === (await currentMigrations(url));
    if (options.reseed || !current) stale.push(department);
  }
  if (stale.length === 0) {
    log(`  every database already holds this world (use --reseed to seed again)`);
    return { databaseEnv, urls, seeded: [] };
  }

  log(
    `  seeding ${stale.map((d) => d.name).join(', ')} with ${people.toLocaleString('en-US')} people (seed ${seed})`,
  );
  const world = createWorld({ seed, people });
  const display = createSeedProgress();
  const seeded: SeededDepartment[] = [];
  try {
    // One department at a time, each marked as soon as it is done: an interrupted run
    // keeps what it finished.
    for (const department of stale) {
      const url = urls[department.name] ?? '';
      await clearSeedMarker(url);
      const [done] = await seedAll({
        departments: [department],
        world,
        env: databaseEnv,
        progress: (name) => display.forDepartment(name),
      });
      await writeSeedMarker(url, { people, seed });
      if (done) {
        seeded.push(done);
        log(`  seeded ${done.name} in ${(done.ms / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    display.stop();
  }
  return { databaseEnv, urls, seeded };
}
