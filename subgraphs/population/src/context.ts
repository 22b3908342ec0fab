import type { RequestScope } from '@govgraph/server';
import type { PopulationLoaders } from './loaders.js';

/** What every population resolver receives: request id, logger and this request's loaders. */
export interface PopulationContext extends RequestScope {
  loaders: PopulationLoaders;
}
