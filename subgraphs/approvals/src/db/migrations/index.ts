import type { Engine } from '@govgraph/department/db';
import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import { scopedIdempotencyKeys } from './0002_scoped_idempotency_keys.js';

/**
 * The approval platform's migrations, in order; the same ones run on SQLite and PostgreSQL.
 * They take the engine where one engine cannot do what the other does (SQLite rebuilds a table
 * to change a unique constraint).
 */
export function approvalsMigrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': initial,
    '0002_scoped_idempotency_keys': scopedIdempotencyKeys(engine),
  };
}
