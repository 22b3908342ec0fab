import { cacheKeys, entityTag } from '@govgraph/cache';
import { type SubjectsByRoot, subjectsFromExtensions } from '@govgraph/department';
import type { GraphQLFormattedError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { canonicalJson, digest, type EntryPayload, encodeEntry, openEntry } from './cacheEntry.js';
import type { GatewayCache } from './createGatewayCache.js';
import {
  count,
  expiresBy,
  expiry,
  follow,
  type Job,
  lead,
  markCached,
  type ProcessOptions,
  type ProcessResult,
  readVersion,
  sealed,
  tagsIn,
} from './fetchJob.js';
import type { StoreEntry } from './store/CacheStore.js';

/** An `_entities` fetch, split per representation (see `cachedFetch`). */
export async function entitiesFetch(
  job: Job,
  representations: Record<string, unknown>[],
): Promise<ProcessResult> {
  const { cache, department, state, options } = job;
  const { representations: _, ...others } = options.request.variables ?? {};
  const selection = digest(job.policy.selection, canonicalJson(others));
  const refs = representations.map((rep) => entityRef(cache, department, selection, rep));
  for (const ref of refs) {
    if (ref) state.tags.add(ref.tag);
    else state.uncacheable = true;
  }
  const lookup = cache.entity ? refs.flatMap((ref) => (ref ? [ref.key] : [])) : [];
  const read = await readVersion(job, lookup);
  if (!read) return job.fetch(options);
  const { values, version } = read;

  const data: unknown[] = new Array(representations.length).fill(null);
  const subjects: SubjectsByRoot = {};
  const errors: GraphQLFormattedError[] = [];
  const misses: number[] = [];
  // Hits and misses by type, counted once per fetch (a list is hundreds of one type).
  const counted = new Map<string, { hits: number; misses: number }>();
  let v = 0;
  refs.forEach((ref, i) => {
    const raw = ref && cache.entity ? values[v++] : null;
    const payload =
      raw && ref ? openEntry<unknown, string[]>(cache.cipher, ref.key, raw) : undefined;
    if (payload) use(job, i, payload, data, subjects);
    else misses.push(i);
    if (!ref || !cache.entity) return;
    const n = counted.get(ref.typename) ?? { hits: 0, misses: 0 };
    if (payload) n.hits++;
    else n.misses++;
    counted.set(ref.typename, n);
  });
  for (const [type, n] of counted) {
    count(job, 'hit', type, n.hits);
    count(job, 'miss', type, n.misses);
  }
  if (misses.length === 0) return answer(data, subjects, errors);

  // Misses another request is already fetching wait for it; the rest are fetched here.
  const waiting = new Map<number, Promise<string | undefined>>();
  for (const i of misses) {
    const leader = cache.entity ? cache.inFlight.get(refs[i]?.key ?? '') : undefined;
    if (leader) waiting.set(i, leader);
  }
  const own = misses.filter((i) => !waiting.has(i));
  const storing = cache.entity && version !== undefined;
  const settle = new Map<number, (text: string | undefined) => void>();
  for (const i of storing ? own : []) {
    const ref = refs[i];
    if (ref) settle.set(i, lead(cache, ref.key));
  }
  // Each fetched entity that may be kept: its JSON (what followers read) and its store entry.
  const stored = new Map<number, string>();
  const entries: StoreEntry[] = [];
  const keep = (i: number, fetched: EntryPayload) => {
    const ref = refs[i];
    if (!ref) return;
    const payload: EntryPayload = { ...fetched, t: [ref.tag, ...fetched.t], x: expiry(job) };
    const text = JSON.stringify(payload);
    stored.set(i, text);
    entries.push({
      key: ref.key,
      value: encodeEntry(cache.cipher, ref.key, sealed(job, payload), text),
      ttlMs: job.ttlMs,
      tags: payload.t,
    });
  };
  try {
    const raw = await fetchEntities(
      job,
      own,
      representations,
      data,
      subjects,
      errors,
      storing ? keep : undefined,
    );
    // The department failed as a whole and nothing came from the cache: its answer, as it is.
    if (raw && own.length === representations.length) return raw;
    if (entries.length > 0 && version !== undefined) {
      const ok = await cache.store.write(entries, new Map([[department, version]]));
      if (!ok) stored.clear();
    }
  } finally {
    for (const [i, resolve] of settle) resolve(stored.get(i));
  }

  // Followers: the leader's entry if it was stored; otherwise ask the department themselves.
  const again: number[] = [];
  for (const [i, leader] of waiting) {
    const payload = await follow<unknown, string[]>(leader);
    if (payload) use(job, i, payload, data, subjects);
    else again.push(i);
  }
  if (again.length > 0) {
    state.uncacheable = true;
    await fetchEntities(job, again, representations, data, subjects, errors);
  }
  return answer(data, subjects, errors);
}

/**
 * Fetches the representations at `indexes` and writes their answers at those indexes; returns
 * the department's response when it failed as a whole (no `_entities` at all). `storable` hears
 * each entity that came back whole, when the caller keeps them.
 */
async function fetchEntities(
  job: Job,
  indexes: readonly number[],
  representations: readonly Record<string, unknown>[],
  data: unknown[],
  subjects: SubjectsByRoot,
  errors: GraphQLFormattedError[],
  storable?: (i: number, payload: EntryPayload) => void,
): Promise<ProcessResult | undefined> {
  if (indexes.length === 0) return undefined;
  const { options } = job;
  const response = await job.fetch({
    ...options,
    request: {
      ...options.request,
      variables: {
        ...options.request.variables,
        representations: indexes.map((i) => representations[i]),
      },
    },
  } as ProcessOptions);
  const received = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  const reported = subjectsFromExtensions(response.extensions);
  const failed = new Set<number>();
  let wholeFetchFailed = !Array.isArray(received);
  for (const error of response.errors ?? []) {
    const at = error.path?.[1];
    if (error.path?.[0] === '_entities' && typeof at === 'number') {
      failed.add(at);
      const i = indexes[at];
      errors.push({ ...error, path: ['_entities', i ?? at, ...error.path.slice(2)] });
    } else {
      wholeFetchFailed = true;
      errors.push(error);
    }
  }
  if (wholeFetchFailed) job.state.uncacheable = true;
  indexes.forEach((i, j) => {
    const entity = Array.isArray(received) ? (received[j] ?? null) : null;
    data[i] = entity;
    const own = reported?.[`_entities.${j}`];
    if (own) subjects[`_entities.${i}`] = own;
    const tags = tagsIn(job.cache, entity);
    for (const tag of tags) job.state.tags.add(tag);
    if (wholeFetchFailed || failed.has(j) || entity === null || typeof entity !== 'object') {
      job.state.uncacheable = true;
      return;
    }
    storable?.(i, { d: entity, ...(own ? { s: own } : {}), t: tags });
  });
  return Array.isArray(received) ? undefined : response;
}

function use(
  job: Job,
  i: number,
  payload: EntryPayload<unknown, string[]>,
  data: unknown[],
  subjects: SubjectsByRoot,
): void {
  data[i] = payload.d;
  if (payload.s) subjects[`_entities.${i}`] = payload.s;
  expiresBy(job, payload);
  for (const tag of payload.t) job.state.tags.add(tag);
  markCached(job);
}

function answer(data: unknown[], subjects: SubjectsByRoot, errors: GraphQLFormattedError[]) {
  return {
    data: { _entities: data },
    ...(errors.length > 0 ? { errors } : {}),
    ...(Object.keys(subjects).length > 0 ? { extensions: { subjects } } : {}),
  } as ProcessResult;
}

interface EntityRef {
  key: string;
  tag: string;
  typename: string;
}

// Lists ask for the same entities again and again: two SHA-256 digests per representation
// were a tenth of a warm list's CPU. The memo key holds no more than the request already did.
const knownRefs = new LRUCache<string, EntityRef>({ max: 10_000 });

function entityRef(
  cache: GatewayCache,
  department: string,
  selection: string,
  rep: Record<string, unknown>,
): EntityRef | undefined {
  const typename = rep.__typename;
  if (typeof typename !== 'string') return undefined;
  const field = cache.hints.keyField.get(typename);
  const value = field ? rep[field] : undefined;
  if (typeof value !== 'string') return undefined;
  const memo = `${cache.prefix}\u0000${department}\u0000${selection}\u0000${JSON.stringify(rep)}`;
  let ref = knownRefs.get(memo);
  if (!ref) {
    ref = {
      typename,
      tag: entityTag(typename, value),
      key: cacheKeys.entity(
        cache.prefix,
        department,
        typename,
        digest(selection, canonicalJson(rep)),
      ),
    };
    knownRefs.set(memo, ref);
  }
  return ref;
}
