import type { RequestScope } from '@govgraph/server';
import type { SocialLoaders } from './loaders.js';

/** What every social insurance resolver receives: request id, logger and this request's loaders. */
export interface SocialContext extends RequestScope {
  loaders: SocialLoaders;
}
