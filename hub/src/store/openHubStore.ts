import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/schema/db';
import { hubMigrations } from './migrations.js';
import type { HubDB } from './schema.js';

/**
 * The hub's own database: registry and audit log, shared by every gateway instance and the
 * data tracker. A department-style `Database`, so the tracker can use it as its database.
 */
export type HubStore = Database<HubDB>;

/** Opens the hub's database on the engine its options select and brings its schema up to date. */
export async function openHubStore(options: DatabaseOptions): Promise<HubStore> {
  const database = openDatabase<HubDB>(options);
  try {
    await migrateToLatest(database.db, hubMigrations(database.engine));
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
