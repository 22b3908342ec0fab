import type { OnEntitiesChanged } from '@govgraph/cache';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { DocumentNode } from 'graphql';
import type { Database, DatabaseOptions } from './db/openDatabase.js';
import type { DepartmentServer } from './departmentServer.js';

/** A database by URL (PostgreSQL), else its embedded SQLite file. */
export type DatabaseLocation = Pick<DatabaseOptions, 'url' | 'sqliteFile'>;

/** Reports seeding progress: rows written so far out of the total for one table. */
export type SeedProgress = (table: string, done: number, total: number) => void;

/**
 * What every department package exports as `department`, so that tools (compose, seed,
 * start, bench) and tests treat all departments alike. `W` is the synthetic world type of
 * `@govgraph/datagen` (kept generic so the standards package does not depend on it).
 */
export interface DepartmentModule<DB, W> {
  /** Subgraph name in the supergraph, e.g. `population`. */
  name: string;
  /** Human title, e.g. `Population registry`. */
  title: string;
  /** Prefix of the department's environment variables, e.g. `POPULATION` for `POPULATION_PORT`. */
  envPrefix: string;
  /** The department's own SDL (without the shared standards, which the schema builder adds). */
  typeDefs: DocumentNode;
  defaultPort: number;
  /**
   * Where the department's data lives, when not in its own `<PREFIX>_DATABASE_URL` or
   * `<data dir>/<name>.sqlite` (the data tracker reads the hub's store). Read by
   * `runDepartmentMain` and by the tools that start the hub.
   */
  databaseLocation?(env: Record<string, string | undefined>): DatabaseLocation;
  /** Opens the department's own database and runs its migrations. */
  openDatabase(options: DatabaseOptions): Promise<Database<DB>>;
  /** Builds (does not start) the department's subgraph server. */
  createServer(deps: {
    database: Database<DB>;
    logger: Logger;
    /** Verifies the gateway's caller token on every request. */
    callerToken: CallerTokenVerifier;
  }): DepartmentServer;
  /** Replaces the department's data with the synthetic world's, in bulk. */
  seed(database: Database<DB>, world: W, progress?: SeedProgress): Promise<void>;
  /** True when the database already holds data (so `npm start` does not seed twice). */
  isSeeded(database: Database<DB>): Promise<boolean>;
  /** Departments that write: hears each committed write's changed entities (cache invalidation). */
  onEntitiesChanged?: OnEntitiesChanged;
}
