import type { CacheEntry } from './cacheEntry.js';
import { isPersonal } from './cacheHints.js';
import { openBatchEntries } from './entityBatch.js';
import type { EntityReference } from './entityReferences.js';
import { type Job, readVersion } from './fetchJob.js';

/** What the store held for each reference, and the department's version it was read at. */
export interface CachedEntities {
  /** At the references' indexes; undefined for a miss (or the entity cache being off). */
  entries: (CacheEntry<unknown, string[]> | undefined)[];
  version: string | undefined;
}

/**
 * Reads every referenced entry and the department's write version in one round trip, then,
 * in a second, the batch blobs they point into that this gateway does not hold yet (one
 * decryption per blob). Undefined when the store is away: the fetch then goes to the
 * department, uncached.
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
  const opened =
    keys.length === 0
      ? []
      : await openBatchEntries(
          cache.cipher,
          { prefix: cache.prefix, department: job.department },
          keys,
          read.values,
          // A store gone between the two reads: those entries are misses, like any other.
          async (blobKeys) => (await cache.store.read(blobKeys, []))?.values,
          cache.batches,
          // Personal entities are always stored sealed: a plain entry is forged.
          isPersonal(job.policy.level),
        );
  let position = 0;
  const entries = references.map((reference) =>
    reference && cache.entity
      ? (opened[position++] as CacheEntry<unknown, string[]> | undefined)
      : undefined,
  );
  return { entries, version: read.version };
}
