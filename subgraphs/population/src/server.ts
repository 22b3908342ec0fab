import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { PopulationContext } from './context.js';
import type { PopulationDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface PopulationDeps {
  database: Database<PopulationDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The population registry subgraph, built from its dependencies; the caller decides when to listen. */
export function createPopulationServer({
  database,
  logger,
  callerToken,
}: PopulationDeps): DepartmentServer {
  return createDepartmentServer<PopulationContext>({
    name: 'population',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
  });
}
