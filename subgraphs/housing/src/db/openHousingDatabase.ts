import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { migrations } from './migrations/index.js';
import type { HousingDB } from './schema.js';

/** Opens the real-estate registry's database and brings its schema up to date. */
export async function openHousingDatabase(options: DatabaseOptions): Promise<Database<HousingDB>> {
  const database = openDatabase<HousingDB>(options);
  await migrateToLatest(database.db, migrations);
  return database;
}
