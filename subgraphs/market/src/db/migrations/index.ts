import type { Engine } from '@govgraph/department/db';
import type { Migration } from 'kysely';
import { initialMigration } from './0001_initial.js';

/**
 * The business registry's migrations, in order; the same ones run on SQLite and PostgreSQL.
 * They take the engine only to pin a collation PostgreSQL would otherwise take from the server.
 */
export function marketMigrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': initialMigration(engine),
  };
}
