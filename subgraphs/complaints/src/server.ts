import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type Logger,
} from '@govgraph/schema/runtime';
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
  return createDepartmentServer<ComplaintsContext>({
    name: 'complaints',
    typeDefs,
    resolvers,
    database,
    logger,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), db: database.db }),
  });
}
