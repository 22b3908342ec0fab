import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { cacheKeys, departmentTag, entityTag } from '@govgraph/schema/runtime';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { canonicalJson, digest, type EntryPayload, encodeEntry, openEntry } from './cacheEntry.js';
import { isPersonal } from './cacheHints.js';
import type { DocumentPolicy, GatewayCache } from './createGatewayCache.js';
import { cacheStateOf, type RequestCacheState } from './requestCacheState.js';
import type { StoreEntry } from './store/CacheStore.js';

export type ProcessOptions = Parameters<RemoteGraphQLDataSource['process']>[0];
export type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type Fetch = (options: ProcessOptions) => Promise<ProcessResult>;
type Subjects = Record<string, string[]>;

/** One fetch being answered: the shared pieces every step needs. */
interface Job {
  cache: GatewayCache;
  department: string;
  options: ProcessOptions;
  fetch: Fetch;
  policy: DocumentPolicy;
  state: RequestCacheState;
  context: Partial<GatewayContext>;
  ttlMs: number;
}

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

async function entitiesFetch(
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
  const subjects: Subjects = {};
  const errors: GraphQLFormattedError[] = [];
  const misses: number[] = [];
  let v = 0;
  refs.forEach((ref, i) => {
    const raw = ref && cache.entity ? values[v++] : null;
    const text = raw && ref ? openEntry(cache.cipher, ref.key, raw) : undefined;
    if (text !== undefined && ref) {
      use(job, i, text, data, subjects);
      count(job, 'hit', ref.typename);
    } else {
      misses.push(i);
      if (ref && cache.entity) count(job, 'miss', ref.typename);
    }
  });
  if (misses.length === 0) return answer(data, subjects, errors);

  // Misses another request is already fetching wait for it; the rest are fetched here.
  const waiting = new Map<number, Promise<string | undefined>>();
  for (const i of misses) {
    const leader = cache.entity ? cache.inFlight.get(refs[i]?.key ?? '') : undefined;
    if (leader) waiting.set(i, leader);
  }
  const own = misses.filter((i) => !waiting.has(i));
  const settle = new Map<number, (text: string | undefined) => void>();
  for (const i of own) {
    const ref = refs[i];
    if (!ref || !cache.entity || version === undefined) continue;
    const promise = new Promise<string | undefined>((resolve) => settle.set(i, resolve));
    cache.inFlight.set(ref.key, promise);
    void promise.finally(() => {
      if (cache.inFlight.get(ref.key) === promise) cache.inFlight.delete(ref.key);
    });
  }
  const stored = new Map<number, string>();
  try {
    const raw = await fetchEntities(job, own, representations, data, subjects, errors, (i, p) => {
      const ref = refs[i];
      if (ref) stored.set(i, JSON.stringify({ ...p, t: [ref.tag, ...p.t], x: expiry(job) }));
    });
    // The department failed as a whole and nothing came from the cache: its answer, as it is.
    if (raw && own.length === representations.length) return raw;
    if (cache.entity && stored.size > 0 && version !== undefined) {
      const entries: StoreEntry[] = [];
      for (const [i, text] of stored) {
        const ref = refs[i];
        if (!ref) continue;
        const payload = JSON.parse(text) as EntryPayload;
        entries.push({
          key: ref.key,
          value: encodeEntry(cache.cipher, ref.key, sealed(job, payload), payload),
          ttlMs: job.ttlMs,
          tags: payload.t,
        });
      }
      const ok = await cache.store.write(entries, new Map([[department, version]]));
      if (!ok) stored.clear();
    }
  } finally {
    for (const [i, resolve] of settle) resolve(stored.get(i));
  }

  // Followers: the leader's entry if it was stored; otherwise ask the department themselves.
  const again: number[] = [];
  for (const [i, leader] of waiting) {
    const text = await leader;
    if (text === undefined) again.push(i);
    else use(job, i, text, data, subjects);
  }
  if (again.length > 0) {
    state.uncacheable = true;
    await fetchEntities(job, again, representations, data, subjects, errors, () => {});
  }
  return answer(data, subjects, errors);
}

/**
 * Fetches the representations at `indexes` and writes their answers at those indexes; returns
 * the department's response when it failed as a whole (no `_entities` at all).
 */
async function fetchEntities(
  job: Job,
  indexes: readonly number[],
  representations: readonly Record<string, unknown>[],
  data: unknown[],
  subjects: Subjects,
  errors: GraphQLFormattedError[],
  storable: (i: number, payload: EntryPayload) => void,
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
  const reported = subjectsOf(response);
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
    storable(i, { d: entity, ...(own ? { s: own } : {}), t: tags });
  });
  return Array.isArray(received) ? undefined : response;
}

async function rootFetch(job: Job): Promise<ProcessResult> {
  const { cache, department, options, state } = job;
  const key = cacheKeys.root(
    cache.prefix,
    department,
    digest(job.policy.selection, canonicalJson(options.request.variables ?? {})),
  );
  state.tags.add(departmentTag(department));
  const read = await readVersion(job, cache.entity ? [key] : []);
  if (!read) return job.fetch(options);
  const raw = read.values[0];
  const text = raw ? openEntry(cache.cipher, key, raw) : undefined;
  if (text !== undefined) {
    count(job, 'hit', 'Query');
    return rootAnswer(job, text);
  }
  if (!cache.entity || read.version === undefined) return storeRoot(job, key, undefined);
  count(job, 'miss', 'Query');
  const leader = cache.inFlight.get(key);
  if (leader) {
    const shared = await leader;
    if (shared !== undefined) return rootAnswer(job, shared);
    state.uncacheable = true;
    return job.fetch(options);
  }
  let settle: (text: string | undefined) => void = () => {};
  const promise = new Promise<string | undefined>((resolve) => {
    settle = resolve;
  });
  cache.inFlight.set(key, promise);
  void promise.finally(() => {
    if (cache.inFlight.get(key) === promise) cache.inFlight.delete(key);
  });
  let stored: string | undefined;
  try {
    const result = await storeRoot(job, key, read.version, (text) => {
      stored = text;
    });
    return result;
  } finally {
    settle(stored);
  }
}

async function storeRoot(
  job: Job,
  key: string,
  version: string | undefined,
  onStored: (text: string) => void = () => {},
): Promise<ProcessResult> {
  const { cache, department, state } = job;
  const response = await job.fetch(job.options);
  const tags = [departmentTag(department), ...tagsIn(cache, response.data)];
  for (const tag of tags) state.tags.add(tag);
  if (response.errors?.length || !response.data) {
    state.uncacheable = true;
    return response;
  }
  if (!cache.entity || version === undefined) return response;
  const reported = subjectsOf(response);
  const payload: EntryPayload = {
    d: response.data,
    ...(reported ? { s: reported } : {}),
    t: tags,
    x: expiry(job),
  };
  const text = JSON.stringify(payload);
  const value = encodeEntry(cache.cipher, key, sealed(job, payload), payload);
  const ok = await cache.store.write(
    [{ key, value, ttlMs: job.ttlMs, tags }],
    new Map([[department, version]]),
  );
  if (ok) onStored(text);
  return response;
}

/** Reads entries and the department's version; undefined (and uncached) when the store is away. */
async function readVersion(
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

function use(job: Job, i: number, text: string, data: unknown[], subjects: Subjects): void {
  const payload = JSON.parse(text) as EntryPayload<unknown, string[]>;
  data[i] = payload.d;
  if (payload.s) subjects[`_entities.${i}`] = payload.s;
  expiresBy(job, payload);
  for (const tag of payload.t) job.state.tags.add(tag);
  restore(job, payload.s);
}

function rootAnswer(job: Job, text: string): ProcessResult {
  const payload = JSON.parse(text) as EntryPayload<Record<string, unknown>, Subjects>;
  expiresBy(job, payload);
  for (const tag of payload.t) job.state.tags.add(tag);
  for (const list of Object.values(payload.s ?? {})) restore(job, list);
  if (!payload.s) restore(job, undefined);
  return { data: payload.d, ...(payload.s ? { extensions: { subjects: payload.s } } : {}) };
}

// A hit is an access like any other: its subjects go to the audit record (DESIGN.md §5).
function restore(job: Job, subjects: readonly string[] | undefined): void {
  job.context.cached = true;
  for (const subject of subjects ?? []) job.context.subjects?.add(subject);
}

function answer(data: unknown[], subjects: Subjects, errors: GraphQLFormattedError[]) {
  return {
    data: { _entities: data },
    ...(errors.length > 0 ? { errors } : {}),
    ...(Object.keys(subjects).length > 0 ? { extensions: { subjects } } : {}),
  } as ProcessResult;
}

const expiry = (job: Job) => Date.now() + job.ttlMs;

// A response built from an entry may live no longer than the entry had left.
function expiresBy(job: Job, payload: EntryPayload): void {
  if (payload.x !== undefined) job.state.expiresAt = Math.min(job.state.expiresAt, payload.x);
}

// Personal data is sealed; so is any entry naming data subjects, whatever its fields' levels.
function sealed(job: Job, payload: EntryPayload): boolean {
  const s = payload.s;
  const named = Array.isArray(s) ? s.length > 0 : !!s && Object.keys(s).length > 0;
  return named || isPersonal(job.policy.level);
}

function count(job: Job, outcome: 'hit' | 'miss', type: string): void {
  const labels = { cache: type === 'Query' ? 'root' : 'entity', department: job.department, type };
  const counts = type === 'Query' ? job.state.root : job.state.entity;
  if (outcome === 'hit') {
    counts.hits++;
    job.cache.metrics.cacheHits.inc(labels);
  } else {
    counts.misses++;
    job.cache.metrics.cacheMisses.inc(labels);
  }
}

interface EntityRef {
  key: string;
  tag: string;
  typename: string;
}

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
  return {
    typename,
    tag: entityTag(typename, value),
    key: cacheKeys.entity(
      cache.prefix,
      department,
      typename,
      digest(selection, canonicalJson(rep)),
    ),
  };
}

/** Tags of every entity (with its key) found in department data. */
function tagsIn(cache: GatewayCache, data: unknown): string[] {
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

function subjectsOf(response: ProcessResult): Subjects | undefined {
  const subjects = (response.extensions as { subjects?: unknown } | undefined)?.subjects;
  return subjects && typeof subjects === 'object' ? (subjects as Subjects) : undefined;
}
