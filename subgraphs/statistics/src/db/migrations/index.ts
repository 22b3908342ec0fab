import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';

/** The statistics bureau's migrations, in order; the same ones run on SQLite and PostgreSQL. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};
