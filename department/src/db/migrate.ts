import { type Kysely, type Migration, Migrator } from 'kysely';

/**
 * Brings a department database to its latest schema. Migrations are plain modules kept in
 * the department's `src/db/migrations`, keyed by a sortable name; the same ones run on
 * SQLite and PostgreSQL.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}
