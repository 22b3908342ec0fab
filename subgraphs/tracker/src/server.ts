import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import { createAuditReader, type HubDB } from '@govgraph/governance';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { TrackerContext } from './context.js';
import { readerOf } from './hubReader.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface TrackerDeps {
  /** The hub's own store (`openHubStore`): the audit log and the agency registry. */
  database: Database<HubDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The data tracker subgraph, built from its dependencies; the caller decides when to listen. */
export function createTrackerServer({
  database,
  logger,
  callerToken,
}: TrackerDeps): DepartmentServer {
  const audit = createAuditReader(database);
  return createDepartmentServer<TrackerContext>({
    name: 'tracker',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    context: (scope) => ({
      ...scope,
      reader: readerOf(scope),
      loaders: createLoaders(audit, database.db),
    }),
  });
}
