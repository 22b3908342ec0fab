import type { Database } from '@govgraph/schema/db';
import {
  createDepartmentServer,
  type DepartmentServer,
  type HubContextVerifier,
  type Logger,
} from '@govgraph/schema/runtime';
import type { ComplaintsContext } from './context.js';
import type { ComplaintRow, ComplaintsDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface ComplaintsDeps {
  database: Database<ComplaintsDB>;
  logger: Logger;
  /** Verifies the gateway's hub-context token; requests without one are refused. */
  hubContext: HubContextVerifier;
}

/** The citizen hotline subgraph, built from its dependencies; the caller decides when to listen. */
export function createComplaintsServer({
  database,
  logger,
  hubContext,
}: ComplaintsDeps): DepartmentServer {
  return createDepartmentServer<ComplaintsContext>({
    name: 'complaints',
    typeDefs,
    resolvers,
    database,
    logger,
    hubContext,
    // A complaint is about its complainant and the entity complained against: every answer
    // touching one names both.
    subjectsOf: { Complaint: (row: ComplaintRow) => [row.complainant_id, row.against_code] },
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), db: database.db }),
  });
}
