import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { TaxContext } from './context.js';
import type { TaxDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface TaxDeps {
  database: Database<TaxDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The tax administration subgraph, built from its dependencies; the caller decides when to listen. */
export function createTaxServer({ database, logger, callerToken }: TaxDeps): DepartmentServer {
  return createDepartmentServer<TaxContext>({
    name: 'tax',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    context: (scope) => ({ ...scope, db: database.db, loaders: createLoaders(database.db) }),
  });
}
