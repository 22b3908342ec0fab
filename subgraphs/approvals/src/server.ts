import { createDepartmentServer, type DepartmentServer } from '@govgraph/department';
import type { Database } from '@govgraph/department/db';
import type { CallerTokenVerifier, Logger } from '@govgraph/server';
import type { ApprovalsContext } from './context.js';
import type { ApplicationRow, ApprovalsDB } from './db/schema.js';
import { type EntityEvents, entityEvents } from './events.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface ApprovalsDeps {
  database: Database<ApprovalsDB>;
  logger: Logger;
  /** Verifies the gateway's caller token; requests without one are refused. */
  callerToken: CallerTokenVerifier;
  /** Where committed changes are reported. @default the shared `entityEvents` of `events.ts` */
  events?: EntityEvents;
}

/** The parallel approval platform's subgraph, built from its dependencies; the caller decides when to listen. */
export function createApprovalsServer({
  database,
  logger,
  callerToken,
  events = entityEvents,
}: ApprovalsDeps): DepartmentServer {
  return createDepartmentServer<ApprovalsContext>({
    name: 'approvals',
    typeDefs,
    resolvers,
    database,
    logger,
    callerToken,
    // An application is its applicant's record: every answer touching one names the applicant.
    subjectsOf: { Application: applicantKeys },
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), database, events }),
  });
}

function applicantKeys(row: ApplicationRow): string[] {
  const key = row.applicant_national_id ?? row.applicant_credit_code;
  return key === null ? [] : [key];
}
