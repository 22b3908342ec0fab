import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { hubMigrations } from './migrations.js';
import type { HubDB } from './schema.js';

/**
 * The hub's own database: registry and audit log, shared by every gateway instance and the
 * data tracker. A department-style `Database`, so the tracker can use it as its database.
 */
export type HubStore = Database<HubDB>;

/** Tries before giving up when another process is migrating the same fresh database. */
const MIGRATION_ATTEMPTS = 5;

/** Opens the hub's database on the engine its options select and brings its schema up to date. */
export async function openHubStore(options: DatabaseOptions): Promise<HubStore> {
  const database = openDatabase<HubDB>(options);
  // The gateway, its workers and the tracker all open the hub store at start. On SQLite,
  // Kysely takes no migration lock, so on a fresh file all but one lose the race to create the
  // tables; a loser retries and finds the migration done.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(database.db, hubMigrations(database.engine));
      return database;
    } catch (error) {
      if (attempt >= MIGRATION_ATTEMPTS) {
        await database.close();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
