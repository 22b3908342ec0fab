import type { Database } from '@govgraph/schema/db';
import {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
  type DepartmentServer,
  type Logger,
} from '@govgraph/schema/runtime';
import { sql } from 'kysely';
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
  // Generated resolver types are stricter than buildSubgraphSchema's loose map; they meet here once.
  const schema = buildDepartmentSchema(typeDefs, resolvers as DepartmentResolvers);
  return createDepartmentServer<SocialContext>({
    name: 'social',
    schema,
    logger,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db) }),
    ready: async () => {
      await sql`select 1`.execute(database.db);
      return true;
    },
  });
}
