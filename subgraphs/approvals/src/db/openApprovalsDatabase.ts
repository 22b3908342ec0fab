import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { approvalsMigrations } from './migrations/index.js';
import type { ApprovalsDB } from './schema.js';

/** Opens the approval platform's database and brings its schema up to date. */
export async function openApprovalsDatabase(
  options: DatabaseOptions,
): Promise<Database<ApprovalsDB>> {
  const database = openDatabase<ApprovalsDB>(options);
  await migrateToLatest(database.db, approvalsMigrations(database.engine));
  return database;
}
