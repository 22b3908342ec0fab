import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { StatisticsContext } from './context.js';
import type { StatisticsDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface StatisticsDeps {
  database: Database<StatisticsDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The statistics bureau's subgraph, built from its dependencies; the caller decides when to listen. */
export function createStatisticsServer({
  database,
  logger,
  hubContext,
}: StatisticsDeps): DepartmentServer {
  return createDepartmentServer<StatisticsContext>({
    name: 'statistics',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    context: (scope) => ({ ...scope, db: database.db, loaders: createLoaders(database.db) }),
  });
}
