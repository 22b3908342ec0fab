import pg from 'pg';

/** The PostgreSQL database the govgraph variants' audit log appends to, new every run. */
export const AUDIT_DATABASE = 'govgraph_bench_audit';

/** Drops database `name` (ours: letters and underscores only) and creates it empty. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
