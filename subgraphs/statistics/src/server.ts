import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { StatisticsContext } from './context.js';
import type { StatisticsDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface StatisticsDeps {
  database: Database<StatisticsDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The statistics bureau's subgraph, built from its dependencies; the caller decides when to listen. */
export function createStatisticsServer({
  database,
  logger,
  callerToken,
}: StatisticsDeps): DepartmentServer {
  return createDepartmentServer<StatisticsContext>({
    name: 'statistics',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    context: (scope) => ({ ...scope, db: database.db, loaders: createLoaders(database.db) }),
  });
}
