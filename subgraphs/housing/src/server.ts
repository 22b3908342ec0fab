import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { HousingContext } from './context.js';
import type { HousingDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface HousingDeps {
  database: Database<HousingDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The real-estate registry subgraph, built from its dependencies; the caller decides when to listen. */
export function createHousingServer({
  database,
  logger,
  callerToken,
}: HousingDeps): DepartmentServer {
  return createDepartmentServer<HousingContext>({
    name: 'housing',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
  });
}
