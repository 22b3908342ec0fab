import type { Database } from '@govgraph/department/db';
import type { RequestScope } from '@govgraph/server';
import type { ApprovalsDB } from './db/schema.js';
import type { EntityEvents } from './events.js';
import type { ApprovalsLoaders } from './loaders.js';

/**
 * What every approvals resolver receives: request id, logger, this request's loaders, and for
 * the mutations the database (they run their own transactions) and where to report changes.
 */
export interface ApprovalsContext extends RequestScope {
  loaders: ApprovalsLoaders;
  database: Database<ApprovalsDB>;
  events: EntityEvents;
}
