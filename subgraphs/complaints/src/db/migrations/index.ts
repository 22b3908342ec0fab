import type { Engine } from '@govgraph/department/db';
import type { Migration } from 'kysely';
import { initialMigration } from './0001_initial.js';
import { resolvedByMigration } from './0002_resolved_by.js';

/**
 * The citizen hotline's migrations, in order; the same ones run on SQLite and PostgreSQL.
 * They take the engine only to pin a collation PostgreSQL would otherwise take from the server.
 */
export function complaintsMigrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': initialMigration(engine),
    '0002_resolved_by': resolvedByMigration,
  };
}
