import {
  type Database,
  type DatabaseOptions,
  migrateToLatest,
  openDatabase,
} from '@govgraph/department/db';
import { migrations } from './migrations/index.js';
import type { SocialDB } from './schema.js';

/** Opens the social insurance agency's database and brings its schema up to date. */
export async function openSocialDatabase(options: DatabaseOptions): Promise<Database<SocialDB>> {
  const database = openDatabase<SocialDB>(options);
  await migrateToLatest(database.db, migrations);
  return database;
}
