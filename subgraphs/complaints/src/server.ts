import type { Database } from '@govgraph/schema/db';
import {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
  type DepartmentServer,
  type Logger,
} from '@govgraph/schema/runtime';
import { sql } from 'kysely';
import type { ComplaintsContext } from './context.js';
import type { ComplaintsDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface ComplaintsDeps {
  database: Database<ComplaintsDB>;
  logger: Logger;
}

/** The citizen hotline subgraph, built from its dependencies; the caller decides when to listen. */
export function createComplaintsServer({ database, logger }: ComplaintsDeps): DepartmentServer {
  // Generated resolver types are stricter than buildSubgraphSchema's loose map; they meet here once.
  const schema = buildDepartmentSchema(typeDefs, resolvers as DepartmentResolvers);
  return createDepartmentServer<ComplaintsContext>({
    name: 'complaints',
    schema,
    logger,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), db: database.db }),
    ready: async () => {
      await sql`select 1`.execute(database.db);
      return true;
    },
  });
}
