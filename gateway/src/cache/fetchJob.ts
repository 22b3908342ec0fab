import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { entityTag } from '@govgraph/cache';
import type { GatewayContext } from '../context.js';
import { type EntryPayload, parseEntry } from './cacheEntry.js';
import { isPersonal } from './cacheHints.js';
import type { DocumentPolicy, GatewayCache } from './createGatewayCache.js';
import type { RequestCacheState } from './requestCacheState.js';

// What the entity and root-fetch caches share: one fetch being answered, and its bookkeeping.

export type ProcessOptions = Parameters<RemoteGraphQLDataSource['process']>[0];
export type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
export type Fetch = (options: ProcessOptions) => Promise<ProcessResult>;

/** One fetch being answered: the shared pieces every step needs. */
export interface Job {
  cache: GatewayCache;
  department: string;
  options: ProcessOptions;
  fetch: Fetch;
  policy: DocumentPolicy;
  state: RequestCacheState;
  context: Partial<GatewayContext>;
  ttlMs: number;
}

/** Reads entries and the department's version; undefined (and uncached) when the store is away. */
export async function readVersion(
  job: Job,
  keys: readonly string[],
): Promise<{ values: (string | null)[]; version: string | undefined } | undefined> {
  const { cache, department, state } = job;
  const known = state.versions.get(department);
  if (keys.length === 0 && known !== undefined) return { values: [], version: known };
  const read = await cache.store.read(keys, [department]);
  if (!read) {
    state.uncacheable = true;
    return undefined;
  }
  const version = read.versions[0];
  if (version !== undefined && !state.versions.has(department)) {
    state.versions.set(department, version);
  }
  return { values: read.values, version };
}

/**
 * A hit is an access like any other (docs/access.md): the request is marked cached, and the
 * entry's subjects go back into the answer's `extensions.subjects`, which the data source
 * takes into the audit record as it does a department's.
 */
export function markCached(job: Job): void {
  job.context.ledger?.markCached();
}

/**
 * Marks the read of `key` as in flight, so identical misses of other requests wait for it
 * (`follow`); the leader calls the returned function with the JSON it stored, or undefined.
 */
export function lead(cache: GatewayCache, key: string): (stored: string | undefined) => void {
  let settle: (stored: string | undefined) => void = () => {};
  const promise = new Promise<string | undefined>((resolve) => {
    settle = resolve;
  });
  cache.inFlight.set(key, promise);
  void promise.finally(() => {
    if (cache.inFlight.get(key) === promise) cache.inFlight.delete(key);
  });
  return settle;
}

/** The entry a leader stored, or undefined when it stored none (the follower fetches itself). */
export async function follow<D, S>(
  leader: Promise<string | undefined>,
): Promise<EntryPayload<D, S> | undefined> {
  const text = await leader;
  return text === undefined ? undefined : parseEntry<D, S>(text);
}

/** When an entry stored now expires (epoch ms). */
export const expiry = (job: Job) => Date.now() + job.ttlMs;

/** A response built from an entry may live no longer than the entry had left. */
export function expiresBy(job: Job, payload: EntryPayload): void {
  if (payload.x !== undefined) job.state.expiresAt = Math.min(job.state.expiresAt, payload.x);
}

/** Personal data is sealed; so is any entry naming data subjects, whatever its fields' levels. */
export function sealed(job: Job, payload: EntryPayload): boolean {
  const s = payload.s;
  const named = Array.isArray(s) ? s.length > 0 : !!s && Object.keys(s).length > 0;
  return named || isPersonal(job.policy.level);
}

/** Counts `n` hits or misses of one type in the request's state and the metrics. */
export function count(job: Job, outcome: 'hit' | 'miss', type: string, n = 1): void {
  if (n === 0) return;
  const labels = { cache: type === 'Query' ? 'root' : 'entity', department: job.department, type };
  const counts = type === 'Query' ? job.state.root : job.state.entity;
  if (outcome === 'hit') {
    counts.hits += n;
    job.cache.metrics.cacheHits.inc(labels, n);
  } else {
    counts.misses += n;
    job.cache.metrics.cacheMisses.inc(labels, n);
  }
}

/** Tags of every entity (with its key) found in department data. */
export function tagsIn(cache: GatewayCache, data: unknown): string[] {
  const tags = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const typename = object.__typename;
    if (typeof typename === 'string') {
      const field = cache.hints.keyField.get(typename);
      const key = field ? object[field] : undefined;
      if (typeof key === 'string') tags.add(entityTag(typename, key));
    }
    for (const item of Object.values(object)) walk(item);
  };
  walk(data);
  return [...tags];
}
