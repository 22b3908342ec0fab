import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { ComplaintsContext } from './context.js';
import type { ComplaintRow, ComplaintsDB } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface ComplaintsDeps {
  database: Database<ComplaintsDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
}

/** The citizen hotline subgraph, built from its dependencies; the caller decides when to listen. */
export function createComplaintsServer({
  database,
  logger,
  callerToken,
}: ComplaintsDeps): DepartmentServer {
  return createDepartmentServer<ComplaintsContext>({
    name: 'complaints',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    // A complaint is about its complainant and the entity complained against: every answer
    // touching one names both.
    subjectsOf: { Complaint: (row: ComplaintRow) => [row.complainant_id, row.against_code] },
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), db: database.db }),
  });
}
