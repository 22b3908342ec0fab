import type { Database } from '@govgraph/schema/db';
import {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
  type DepartmentServer,
  type Logger,
} from '@govgraph/schema/runtime';
import { sql } from 'kysely';
import type { ApprovalsContext } from './context.js';
import type { ApprovalsDB } from './db/schema.js';
import { type EntityEvents, entityEvents } from './events.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.js';

export interface ApprovalsDeps {
  database: Database<ApprovalsDB>;
  logger: Logger;
  /** Where committed changes are reported. @default the shared `entityEvents` of `events.ts` */
  events?: EntityEvents;
}

/** The parallel approval platform's subgraph, built from its dependencies; the caller decides when to listen. */
export function createApprovalsServer({
  database,
  logger,
  events = entityEvents,
}: ApprovalsDeps): DepartmentServer {
  // Generated resolver types are stricter than buildSubgraphSchema's loose map; they meet here once.
  const schema = buildDepartmentSchema(typeDefs, resolvers as DepartmentResolvers);
  return createDepartmentServer<ApprovalsContext>({
    name: 'approvals',
    schema,
    logger,
    context: (scope) => ({ ...scope, loaders: createLoaders(database.db), database, events }),
    ready: async () => {
      await sql`select 1`.execute(database.db);
      return true;
    },
  });
}
