import {
  type Database,
  type DatabaseOptions,
  type Engine,
  migrateToLatest,
  openDatabase,
  type StatementCounter,
} from '@govgraph/schema/db';
import type { Kysely } from 'kysely';
import { hubMigrations } from './migrations.js';
import type { HubDB } from './schema.js';

/** The hub's own database: registry and audit log. One per hub, shared by every gateway instance. */
export interface HubStore {
  db: Kysely<HubDB>;
  engine: Engine;
  /** Counts every SQL statement sent (tests and the benchmark read it). */
  statements: StatementCounter;
  close(): Promise<void>;
}

/** Opens the hub's database on the engine its options select and brings its schema up to date. */
export async function openHubStore(options: DatabaseOptions): Promise<HubStore> {
  const database: Database<HubDB> = openDatabase<HubDB>(options);
  try {
    await migrateToLatest(database.db, hubMigrations(database.engine));
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
