import type { RequestScope } from '@govgraph/server';
import type { Kysely } from 'kysely';
import type { MarketDB } from './db/schema.js';
import type { MarketLoaders } from './loaders.js';

/** What every market resolver receives: request id, logger, this request's loaders and the database for searches. */
export interface MarketContext extends RequestScope {
  loaders: MarketLoaders;
  db: Kysely<MarketDB>;
}
