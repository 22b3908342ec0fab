import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseOptions, Engine } from '@govgraph/department/db';
import { ensureError } from '@govgraph/schema';
import pg from 'pg';

/** Both engines every department's data layer is tested on. */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/** The PostgreSQL server tests create their databases on; override with TEST_POSTGRES_URL. */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  options: DatabaseOptions;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database of the given engine, owned by one test file: a temporary SQLite
 * file, or a new PostgreSQL database with a random name. `drop()` removes it.
 */
export async function createTestDatabase(engine: Engine, label = 'test'): Promise<TestDatabase> {
  const name = `govgraph_${label.replace(/\W/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'govgraph-'));
    return {
      options: { sqliteFile: join(dir, `${name}.sqlite`) },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for this test and is not reachable at ${TEST_POSTGRES_URL} ` +
        `(${ensureError(error).message}). Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    options: { url: url.toString(), sqliteFile: '' },
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
