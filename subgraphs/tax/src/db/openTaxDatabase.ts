import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { migrations } from './migrations/index.js';
import type { TaxDB } from './schema.js';

/** Opens the tax administration's database and brings its schema up to date. */
export async function openTaxDatabase(options: DatabaseOptions): Promise<Database<TaxDB>> {
  const database = openDatabase<TaxDB>(options);
  await migrateToLatest(database.db, migrations);
  return database;
}
