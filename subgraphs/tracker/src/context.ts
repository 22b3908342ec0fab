import type { RequestScope } from '@govgraph/server';
import type { AccessLogReader } from './accessLogPolicy.js';
import type { TrackerLoaders } from './loaders.js';

/** What every tracker resolver receives: request id, logger, who is asking, and this request's loaders. */
export interface TrackerContext extends RequestScope {
  /** Who is asking, from the gateway's verified caller token. */
  reader: AccessLogReader;
  loaders: TrackerLoaders;
}
