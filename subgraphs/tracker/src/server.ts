import { createAuditReader, type HubDB } from '@govgraph/hub';
import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { TrackerContext } from './context.js';
import { readerOf } from './hubReader.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface TrackerDeps {
  /** The hub's own store (`openHubStore`): the audit log and the agency registry. */
  database: Database<HubDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The data tracker subgraph, built from its dependencies; the caller decides when to listen. */
export function createTrackerServer({
  database,
  logger,
  hubContext,
}: TrackerDeps): DepartmentServer {
  const audit = createAuditReader(database);
  return createDepartmentServer<TrackerContext>({
    name: 'tracker',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    context: (scope) => ({
      ...scope,
      reader: readerOf(scope),
      loaders: createLoaders(audit, database.db),
    }),
  });
}
