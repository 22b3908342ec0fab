import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { MarketContext } from './context.js';
import type { MarketDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface MarketDeps {
  database: Database<MarketDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The business registry subgraph, built from its dependencies; the caller decides when to listen. */
export function createMarketServer({ database, logger, hubContext }: MarketDeps): DepartmentServer {
  return createDepartmentServer<MarketContext>({
    name: 'market',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), db: database.db }),
  });
}
