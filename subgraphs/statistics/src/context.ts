import type { RequestScope } from '@govgraph/server';
import type { Kysely } from 'kysely';
import type { StatisticsDB } from './db/schema.js';
import type { StatisticsLoaders } from './loaders.js';

/** What every statistics resolver receives: request id, logger, database and this request's loaders. */
export interface StatisticsContext extends RequestScope {
  db: Kysely<StatisticsDB>;
  loaders: StatisticsLoaders;
}
