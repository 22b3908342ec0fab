import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { SocialContext } from './context.js';
import type { SocialDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface SocialDeps {
  database: Database<SocialDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The social insurance subgraph, built from its dependencies; the caller decides when to listen. */
export function createSocialServer({ database, logger, hubContext }: SocialDeps): DepartmentServer {
  return createDepartmentServer<SocialContext>({
    name: 'social',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
  });
}
