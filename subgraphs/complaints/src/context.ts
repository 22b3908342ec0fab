import type { RequestScope } from '@govgraph/server';
import type { Kysely } from 'kysely';
import type { ComplaintsDB } from './db/schema.js';
import type { ComplaintsLoaders } from './loaders.js';

/** What every hotline resolver receives: request id, logger, this request's loaders and the database for writes. */
export interface ComplaintsContext extends RequestScope {
  loaders: ComplaintsLoaders;
  db: Kysely<ComplaintsDB>;
}
