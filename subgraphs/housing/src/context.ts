import type { RequestScope } from '@govgraph/server';
import type { HousingLoaders } from './loaders.js';

/** What every housing resolver receives: request id, logger and this request's loaders. */
export interface HousingContext extends RequestScope {
  loaders: HousingLoaders;
}
