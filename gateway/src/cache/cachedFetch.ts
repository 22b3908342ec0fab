import type { GatewayContext } from '../context.js';
import type { GatewayCache } from './createGatewayCache.js';
import { entitiesFetch } from './entitiesFetch.js';
import type { Fetch, Job, ProcessOptions, ProcessResult } from './fetchJob.js';
import { cacheStateOf } from './requestCacheState.js';
import { rootFetch } from './rootFetch.js';

export type { ProcessOptions, ProcessResult } from './fetchJob.js';

/**
 * A department fetch through the caches. An `_entities` fetch is split per representation:
 * every entry is read in one round trip, only the misses go to the department (identical
 * misses of concurrent requests once), and the answer is merged back in the original order.
 * Any other fetch is cached whole by (department, query, variables). Nothing that carried an
 * error, or came from a read that raced a write, is stored.
 */
export async function cachedFetch(
  cache: GatewayCache,
  department: string,
  options: ProcessOptions,
  fetch: Fetch,
): Promise<ProcessResult> {
  const context = options.context as Partial<GatewayContext>;
  const state = cacheStateOf(context);
  const policy = cache.policyFor(
    options.request.query ?? '',
    'document' in options ? options.document : undefined,
  );
  // The policy stops a denied operation before any fetch; should one run anyway, no cache.
  if (policy.ttlSeconds <= 0 || (context.access?.denied.length ?? 0) > 0) {
    state.uncacheable = true;
    return fetch(options);
  }
  state.ttlSeconds = Math.min(state.ttlSeconds, policy.ttlSeconds);
  const job: Job = {
    cache,
    department,
    options,
    fetch,
    policy,
    state,
    context,
    ttlMs: policy.ttlSeconds * 1000,
  };
  const representations = options.request.variables?.representations;
  return Array.isArray(representations)
    ? entitiesFetch(job, representations as Record<string, unknown>[])
    : rootFetch(job);
}
