import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { PopulationContext } from './context.js';
import type { PopulationDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface PopulationDeps {
  database: Database<PopulationDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The population registry subgraph, built from its dependencies; the caller decides when to listen. */
export function createPopulationServer({
  database,
  logger,
  hubContext,
}: PopulationDeps): DepartmentServer {
  return createDepartmentServer<PopulationContext>({
    name: 'population',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
  });
}
