import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { complaintsMigrations } from './migrations/index.js';
import type { ComplaintsDB } from './schema.js';

/** Opens the citizen hotline's database and brings its schema up to date. */
export async function openComplaintsDatabase(
  options: DatabaseOptions,
): Promise<Database<ComplaintsDB>> {
  const database = openDatabase<ComplaintsDB>(options);
  await migrateToLatest(database.db, complaintsMigrations(database.engine));
  return database;
}
