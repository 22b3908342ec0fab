import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { migrations } from './migrations/index.js';
import type { PopulationDB } from './schema.js';

/** Opens the population registry's database and brings its schema up to date. */
export async function openPopulationDatabase(
  options: DatabaseOptions,
): Promise<Database<PopulationDB>> {
  const database = openDatabase<PopulationDB>(options);
  await migrateToLatest(database.db, migrations);
  return database;
}
