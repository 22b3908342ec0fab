import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { HousingContext } from './context.js';
import type { HousingDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface HousingDeps {
  database: Database<HousingDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The real-estate registry subgraph, built from its dependencies; the caller decides when to listen. */
export function createHousingServer({
  database,
  logger,
  hubContext,
}: HousingDeps): DepartmentServer {
  return createDepartmentServer<HousingContext>({
    name: 'housing',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
  });
}
