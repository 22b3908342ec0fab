import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { SocialContext } from './context.js';
import type { SocialDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface SocialDeps {
  database: Database<SocialDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The social insurance subgraph, built from its dependencies; the caller decides when to listen. */
export function createSocialServer({
  database,
  logger,
  callerToken,
}: SocialDeps): DepartmentServer {
  return createDepartmentServer<SocialContext>({
    name: 'social',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
  });
}
