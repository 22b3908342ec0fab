import { cacheKeys, departmentTag } from '@govgraph/cache';
import { type SubjectsByRoot, subjectsFromExtensions } from '@govgraph/department';
import {
  type CacheEntry,
  canonicalJson,
  digest,
  encodeEntry,
  openEntry,
  serializeEntry,
} from './cacheEntry.js';
import { isPersonal } from './cacheHints.js';
import {
  countLookups,
  entityTagsIn,
  expireNoLaterThan,
  expiryFromNow,
  type Job,
  markCached,
  mustSeal,
  type ProcessResult,
  readVersion,
} from './fetchJob.js';
import { followRead, leaderOf, leadRead } from './inFlightRead.js';

type RootEntry = CacheEntry<Record<string, unknown>, SubjectsByRoot>;

/**
 * A root-field fetch, cached whole by (department, query, variables), with the same
 * leader/follower and version-race protocol as `entitiesFetch` (see there), for one key.
 */
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
  const value = read.values[0];
  const hit = value
    ? openEntry<RootEntry['data'], SubjectsByRoot>(
        cache.cipher,
        key,
        value,
        // Personal answers are always stored sealed: a plain entry is forged.
        isPersonal(job.policy.level),
      )
    : undefined;
  if (hit) {
    countLookups(job, 'hit', 'Query');
    return rootAnswer(job, hit);
  }
  if (!cache.entity || read.version === undefined) return fetchAndStore(job, key, undefined);
  countLookups(job, 'miss', 'Query');
  const leader = leaderOf(cache, key);
  if (leader) {
    const shared = await followRead<RootEntry['data'], SubjectsByRoot>(leader);
    if (shared) return rootAnswer(job, shared);
    state.uncacheable = true;
    return job.fetch(options);
  }
  const settle = leadRead(cache, key);
  let storedJson: string | undefined;
  try {
    return await fetchAndStore(job, key, read.version, (json) => {
      storedJson = json;
    });
  } finally {
    settle(storedJson);
  }
}

/** Asks the department; stores an error-free answer if the version read is still current. */
async function fetchAndStore(
  job: Job,
  key: string,
  version: string | undefined,
  onStored: (json: string) => void = () => {},
): Promise<ProcessResult> {
  const { cache, department, state } = job;
  const response = await job.fetch(job.options);
  const tags = [departmentTag(department), ...entityTagsIn(cache, response.data)];
  for (const tag of tags) state.tags.add(tag);
  if (response.errors?.length || !response.data) {
    state.uncacheable = true;
    return response;
  }
  if (!cache.entity || version === undefined) return response;
  const reported = subjectsFromExtensions(response.extensions);
  const entry: CacheEntry = {
    data: response.data,
    ...(reported ? { subjects: reported } : {}),
    tags,
    expiresAt: expiryFromNow(job),
  };
  const json = serializeEntry(entry);
  const value = encodeEntry(cache.cipher, key, mustSeal(job, entry), json);
  const stored = await cache.store.write(
    [{ key, value, ttlMs: job.ttlMs, tags }],
    new Map([[department, version]]),
  );
  if (stored) onStored(json);
  return response;
}

function rootAnswer(job: Job, entry: RootEntry): ProcessResult {
  expireNoLaterThan(job, entry);
  for (const tag of entry.tags) job.state.tags.add(tag);
  markCached(job);
  return {
    data: entry.data,
    ...(entry.subjects ? { extensions: { subjects: entry.subjects } } : {}),
  };
}
