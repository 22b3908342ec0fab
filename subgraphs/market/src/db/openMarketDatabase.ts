import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { marketMigrations } from './migrations/index.js';
import type { MarketDB } from './schema.js';

/** Opens the business registry's database and brings its schema up to date. */
export async function openMarketDatabase(options: DatabaseOptions): Promise<Database<MarketDB>> {
  const database = openDatabase<MarketDB>(options);
  await migrateToLatest(database.db, marketMigrations(database.engine));
  return database;
}
