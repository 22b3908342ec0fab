/** Counts of one cache for one request (the debug extension shows them). */
export interface HitCount {
  hits: number;
  misses: number;
}

/**
 * What the caches learnt while answering one request: enough to decide whether the whole
 * response may be stored, with which tags and under which department versions.
 */
export interface RequestCacheState {
  /** Tags of every entity and department the answer was built from. */
  tags: Set<string>;
  /** Each department's write version when it was first read in this request. */
  versions: Map<string, string>;
  /** Smallest TTL of any fetch, seconds. */
  ttlSeconds: number;
  /** Earliest expiry (epoch ms) of any cache entry used: a response must not outlive it. */
  expiresAt: number;
  /** True once any part could not be cached (errors, maxAge 0, store away, untagged entity). */
  uncacheable: boolean;
  entity: HitCount;
  root: HitCount;
  response?: 'hit' | 'miss' | 'stored' | 'bypass' | 'unavailable';
}

const states = new WeakMap<object, RequestCacheState>();

/** The request's cache state, created on first use (keyed by the request's context object). */
export function cacheStateOf(context: object): RequestCacheState {
  let state = states.get(context);
  if (!state) {
    state = {
      tags: new Set(),
      versions: new Map(),
      ttlSeconds: Number.POSITIVE_INFINITY,
      expiresAt: Number.POSITIVE_INFINITY,
      uncacheable: false,
      entity: { hits: 0, misses: 0 },
      root: { hits: 0, misses: 0 },
    };
    states.set(context, state);
  }
  return state;
}
