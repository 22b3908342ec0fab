import { join } from 'node:path';
import { DEFAULT_DATA_DIR } from '@govgraph/department';
import type { DatabaseOptions } from '@govgraph/department/db';
import { databaseUrlVar, parseEnv } from '@govgraph/server';
import { z } from 'zod';

/**
 * Where the hub's database is: PostgreSQL when `HUB_DATABASE_URL` is set, otherwise
 * `hub.sqlite` in `GOVGRAPH_DATA_DIR` (the departments' data directory), so `npm start` and
 * the `agency`/`audit` commands meet in one file. Throws a `ConfigError` naming each bad variable.
 */
export function hubStoreConfig(
  env: Record<string, string | undefined> = process.env,
): DatabaseOptions {
  const config = parseEnv(
    {
      HUB_DATABASE_URL: databaseUrlVar,
      GOVGRAPH_DATA_DIR: z.string().min(1, 'must be a directory path').default(DEFAULT_DATA_DIR),
    },
    env,
  );
  return {
    url: config.HUB_DATABASE_URL,
    sqliteFile: join(config.GOVGRAPH_DATA_DIR, 'hub.sqlite'),
  };
}
