import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { migrations } from './migrations/index.js';
import type { StatisticsDB } from './schema.js';

/** Opens the statistics bureau's database and brings its schema up to date. */
export async function openStatisticsDatabase(
  options: DatabaseOptions,
): Promise<Database<StatisticsDB>> {
  const database = openDatabase<StatisticsDB>(options);
  await migrateToLatest(database.db, migrations);
  return database;
}
