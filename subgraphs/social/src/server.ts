import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
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
}

/** The social insurance subgraph, built from its dependencies; the caller decides when to listen. */
export function createSocialServer({ database, logger }: SocialDeps): DepartmentServer {
  return createDepartmentServer<SocialContext>({
    name: 'social',
    typeDefs,
    resolvers,
    database,
    logger,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
  });
}
