import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { TaxContext } from './context.js';
import type { TaxDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface TaxDeps {
  database: Database<TaxDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The tax administration subgraph, built from its dependencies; the caller decides when to listen. */
export function createTaxServer({ database, logger, hubContext }: TaxDeps): DepartmentServer {
  return createDepartmentServer<TaxContext>({
    name: 'tax',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    context: (scope) => ({ ...scope, db: database.db, loaders: createLoaders(database.db) }),
  });
}
