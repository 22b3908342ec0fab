// `pg` comes from @govgraph/schema (hoisted to the workspace root); the tools reach PostgreSQL
// directly only here, for what no department does: CREATE DATABASE, the seed marker, VACUUM.
import { ensureError } from '@govgraph/schema';
import pg from 'pg';

/** What a benchmark database was last seeded with; a rerun with the same marker skips seeding. */
export interface SeedMarker {
  people: number;
  seed: number;
  /** The department's applied migrations: a new migration means new tables to fill. */
  migrations: string;
}

const MARKER_TABLE = 'govgraph_bench_seed';

/** `govgraph_bench_<people>_<department>`: one database per department and world size. */
export function benchDatabaseName(people: number, department: string): string {
  return `govgraph_bench_${people}_${department.replace(/\W/g, '_').toLowerCase()}`;
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${url} (${ensureError(error).message}): start it, or set BENCH_POSTGRES_URL.`,
      { cause: error },
    );
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` on the server unless it exists; true when it was created now. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<boolean> {
  return withClient(serverUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    // The name is ours (benchDatabaseName): letters, digits and underscores only.
    await client.query(`CREATE DATABASE ${name}`);
    return true;
  });
}

/** Drops database `name` (ending its sessions) and creates it empty. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    // The name is ours (benchDatabaseName): letters, digits and underscores only.
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
}

/**
 * `HUB_DATABASE_URL` for the world of `people`: a hub store of its own (agencies, grants, the
 * audit log), `govgraph_bench_<people>_hub`, created if missing, or anew with `fresh`.
 */
export async function benchHubDatabaseEnv(
  serverUrl: string,
  people: number,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<{ HUB_DATABASE_URL: string }> {
  const name = benchDatabaseName(people, 'hub');
  if (fresh) await recreateDatabase(serverUrl, name);
  else await ensureDatabase(serverUrl, name);
  return { HUB_DATABASE_URL: databaseUrl(serverUrl, name) };
}

const migrationsOf = async (client: pg.Client): Promise<string> => {
  const table = await client.query("SELECT to_regclass('kysely_migration') AS t");
  if (!table.rows[0]?.t) return '';
  const rows = await client.query<{ name: string }>(
    'SELECT name FROM kysely_migration ORDER BY name',
  );
  return rows.rows.map((r) => r.name).join(',');
};

/** The marker the database was last seeded with, or undefined when it has none. */
export async function readSeedMarker(url: string): Promise<SeedMarker | undefined> {
  return withClient(url, async (client) => {
    const table = await client.query('SELECT to_regclass($1) AS t', [MARKER_TABLE]);
    if (!table.rows[0]?.t) return undefined;
    const row = await client.query<{ people: number; seed: string; migrations: string }>(
      `SELECT people, seed::text AS seed, migrations FROM ${MARKER_TABLE} LIMIT 1`,
    );
    const marker = row.rows[0];
    if (!marker) return undefined;
    return { people: marker.people, seed: Number(marker.seed), migrations: marker.migrations };
  });
}

/** The migrations applied to the database now, in the marker's form. */
export async function currentMigrations(url: string): Promise<string> {
  return withClient(url, migrationsOf);
}

/** Forgets the marker before seeding, so an interrupted seed is not taken for a finished one. */
export async function clearSeedMarker(url: string): Promise<void> {
  await withClient(url, (client) => client.query(`DROP TABLE IF EXISTS ${MARKER_TABLE}`));
}

/** Records that the database now holds the world of `people` and `seed`. */
export async function writeSeedMarker(
  url: string,
  world: { people: number; seed: number },
): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (people integer NOT NULL, seed bigint NOT NULL, migrations text NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())`,
    );
    await client.query(`DELETE FROM ${MARKER_TABLE}`);
    await client.query(
      `INSERT INTO ${MARKER_TABLE} (people, seed, migrations) VALUES ($1, $2, $3)`,
      [world.people, world.seed, await migrationsOf(client)],
    );
  });
}

/**
 * VACUUM ANALYZE: planner statistics after the bulk load, and a visibility map so index-only
 * scans need no heap visits, with autovacuum's work done now rather than while measuring.
 */
export async function vacuumAnalyze(url: string): Promise<void> {
  await withClient(url, (client) => client.query('VACUUM (ANALYZE)'));
}

/** The server's version line, for the record. */
export async function serverVersion(serverUrl: string): Promise<string> {
  return withClient(serverUrl, async (client) => {
    const row = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${row.rows[0]?.v ?? 'unknown'}`;
  });
}
