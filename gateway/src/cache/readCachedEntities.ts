import { type CacheEntry, openEntry } from './cacheEntry.js';
import type { EntityReference } from './entityReferences.js';
import { type Job, readVersion } from './fetchJob.js';

/** What the store held for each reference, and the department's version it was read at. */
export interface CachedEntities {
  /** At the references' indexes; undefined for a miss (or the entity cache being off). */
  entries: (CacheEntry<unknown, string[]> | undefined)[];
  version: string | undefined;
}

/**
 * Reads every referenced entry and the department's write version in one round trip. Undefined
 * when the store is away: the fetch then goes to the department, uncached.
 */
export async function readCachedEntities(
  job: Job,
  references: readonly (EntityReference | undefined)[],
): Promise<CachedEntities | undefined> {
  const { cache } = job;
  const keys = cache.entity
    ? references.flatMap((reference) => (reference ? [reference.key] : []))
    : [];
  const read = await readVersion(job, keys);
  if (!read) return undefined;
  const opened = read.values.map((value, position) => {
    const key = keys[position];
    return value && key !== undefined ? openEntry(cache.cipher, key, value) : undefined;
  });
  let position = 0;
  const entries = references.map((reference) =>
    reference && cache.entity
      ? (opened[position++] as CacheEntry<unknown, string[]> | undefined)
      : undefined,
  );
  return { entries, version: read.version };
}
