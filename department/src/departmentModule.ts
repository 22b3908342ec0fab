import type { OnEntitiesChanged } from '@govgraph/cache';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { DocumentNode } from 'graphql';
import type { Database, DatabaseOptions } from './db/openDatabase.js';
import type { DepartmentServer } from './departmentServer.js';

/** A database by URL (PostgreSQL), else its embedded SQLite file. */
export type DatabaseLocation = Pick<DatabaseOptions, 'url' | 'sqliteFile'>;

/**
 * What every department package exports as `department`, so that its `main.ts` and the tools
 * (compose, start, bench) treat all departments alike. Seeding is not part of it: that is the
 * `SeedableDepartment` a package's `./seed` entry exports, so production code never loads the
 * synthetic-data generator.
 */
export interface DepartmentModule<DB> {
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
  /** Departments that write: hears each committed write's changed entities (cache invalidation). */
  onEntitiesChanged?: OnEntitiesChanged;
}
