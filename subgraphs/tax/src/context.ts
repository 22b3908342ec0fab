import type { RequestScope } from '@govgraph/server';
import type { Kysely } from 'kysely';
import type { TaxDB } from './db/schema.js';
import type { TaxLoaders } from './loaders.js';

/** What every tax resolver receives: request id, logger, this request's loaders, and the database for root lists. */
export interface TaxContext extends RequestScope {
  loaders: TaxLoaders;
  db: Kysely<TaxDB>;
}
