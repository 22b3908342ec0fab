import type { OnEntitiesChanged } from '@govgraph/cache';
import type { DatabaseLocation, DepartmentServer, SeedProgress } from '@govgraph/department';
import type { Database, DatabaseOptions } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { DocumentNode } from 'graphql';

/** A department's database with its table types erased: the tools only hand it back to its owner. */
export type DepartmentDatabase = Omit<Database<unknown>, 'db'>;

/**
 * A `SeedableDepartment` as the tools see it. Kysely's `Database<DB>` is invariant in `DB`, so
 * `[population, market]` has no common `SeedableDepartment<DB, W>` type; this one erases `DB`.
 * Its methods take the erased database in method (bivariant) position, so every
 * `SeedableDepartment<DB, W>` is assignable, and the tools only ever pass a department the
 * database its own `openDatabase` returned.
 */
export interface HubDepartment<W> {
  name: string;
  title: string;
  envPrefix: string;
  typeDefs: DocumentNode;
  defaultPort: number;
  databaseLocation?(env: Record<string, string | undefined>): DatabaseLocation;
  openDatabase(options: DatabaseOptions): Promise<DepartmentDatabase>;
  createServer(deps: {
    database: DepartmentDatabase;
    logger: Logger;
    callerToken: CallerTokenVerifier;
  }): DepartmentServer;
  seed(database: DepartmentDatabase, world: W, progress?: SeedProgress): Promise<void>;
  isSeeded(database: DepartmentDatabase): Promise<boolean>;
  /** Departments that write: their committed changes evict the gateway's caches. */
  onEntitiesChanged?: OnEntitiesChanged;
}
