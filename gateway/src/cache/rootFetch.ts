import { cacheKeys, departmentTag } from '@govgraph/cache';
import { type SubjectsByRoot, subjectsFromExtensions } from '@govgraph/department';
import { canonicalJson, digest, type EntryPayload, encodeEntry, openEntry } from './cacheEntry.js';
import {
  count,
  expiresBy,
  expiry,
  follow,
  type Job,
  lead,
  markCached,
  type ProcessResult,
  readVersion,
  sealed,
  tagsIn,
} from './fetchJob.js';

/** A root-field fetch, cached whole by (department, query, variables). */
export async function rootFetch(job: Job): Promise<ProcessResult> {
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
  const hit = raw
    ? openEntry<Record<string, unknown>, SubjectsByRoot>(cache.cipher, key, raw)
    : undefined;
  if (hit) {
    count(job, 'hit', 'Query');
    return rootAnswer(job, hit);
  }
  if (!cache.entity || read.version === undefined) return storeRoot(job, key, undefined);
  count(job, 'miss', 'Query');
  const leader = cache.inFlight.get(key);
  if (leader) {
    const shared = await follow<Record<string, unknown>, SubjectsByRoot>(leader);
    if (shared) return rootAnswer(job, shared);
    state.uncacheable = true;
    return job.fetch(options);
  }
  const settle = lead(cache, key);
  let stored: string | undefined;
  try {
    return await storeRoot(job, key, read.version, (text) => {
      stored = text;
    });
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
  const reported = subjectsFromExtensions(response.extensions);
  const payload: EntryPayload = {
    d: response.data,
    ...(reported ? { s: reported } : {}),
    t: tags,
    x: expiry(job),
  };
  const text = JSON.stringify(payload);
  const value = encodeEntry(cache.cipher, key, sealed(job, payload), text);
  const ok = await cache.store.write(
    [{ key, value, ttlMs: job.ttlMs, tags }],
    new Map([[department, version]]),
  );
  if (ok) onStored(text);
  return response;
}

function rootAnswer(
  job: Job,
  payload: EntryPayload<Record<string, unknown>, SubjectsByRoot>,
): ProcessResult {
  expiresBy(job, payload);
  for (const tag of payload.t) job.state.tags.add(tag);
  markCached(job);
  return { data: payload.d, ...(payload.s ? { extensions: { subjects: payload.s } } : {}) };
}
