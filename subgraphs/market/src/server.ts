import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { MarketContext } from './context.js';
import type { MarketDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface MarketDeps {
  database: Database<MarketDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The business registry subgraph, built from its dependencies; the caller decides when to listen. */
export function createMarketServer({
  database,
  logger,
  callerToken,
}: MarketDeps): DepartmentServer {
  return createDepartmentServer<MarketContext>({
    name: 'market',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), db: database.db }),
  });
}
