import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '@govgraph/datagen';
import type { HubDepartment } from '../HubDepartment.js';
import { benchHubDatabaseEnv, serverVersion } from './benchDatabases.js';
import { prepareWorld } from './prepareWorld.js';

export interface BenchHubEnv {
  /** The environment `hubConfig` reads: every department's database and the hub store's. */
  env: Record<string, string>;
  /** `SQLite (embedded, …)` or `PostgreSQL 16.x`, for the record. */
  engine: string;
}

/**
 * Where the benchmark's hub keeps its data. Embedded: SQLite files under `dataRoot`, one
 * directory per world, seeded by the first run and reused. PostgreSQL: bench:scale's
 * databases (one per department and world size, seeded once) and `govgraph_bench_<people>_hub`
 * for the hub store (agencies, grants, the audit log). The hub store starts empty on every
 * run (the SQLite file is removed by `freshHubStore`): a log kept from earlier runs grew by
 * ~100 MB per run and made each run's govgraph figures depend on how many came before.
 */
export async function benchHubEnv(options: {
  departments: readonly HubDepartment<World>[];
  postgres: boolean;
  people: number;
  seed: number;
  dataRoot: string;
  sqliteVersion: string;
  log: (line: string) => void;
}): Promise<BenchHubEnv> {
  const dataDir = join(options.dataRoot, `${options.people}-${options.seed}`);
  if (!options.postgres) {
    return {
      env: { GOVGRAPH_DATA_DIR: dataDir },
      engine: `SQLite (embedded, better-sqlite3 ${options.sqliteVersion})`,
    };
  }
  const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const engine = await serverVersion(serverUrl);
  options.log(`Departments on ${engine}:`);
  const { databaseEnv } = await prepareWorld({ ...options, serverUrl, reseed: false });
  return {
    env: {
      ...databaseEnv,
      ...(await benchHubDatabaseEnv(serverUrl, options.people, { fresh: true })),
      GOVGRAPH_DATA_DIR: dataDir,
    },
    engine,
  };
}

/** Removes an embedded hub store's files, so the hub starts with an empty one. */
export function freshHubStore(database: { url?: string | undefined; sqliteFile: string }): void {
  if (database.url) return; // PostgreSQL: made anew by benchHubDatabaseEnv
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(`${database.sqliteFile}${suffix}`, { force: true });
}
