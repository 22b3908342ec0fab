import { type CacheEntry, serializeEntry } from './cacheEntry.js';
import {
  answerResult,
  type EntitiesAnswer,
  emptyAnswer,
  useCachedEntity,
} from './entitiesAnswer.js';
import { type BatchMember, encodeBatch, rememberBatch } from './entityBatch.js';
import { type EntityReference, entityReferences } from './entityReferences.js';
import { countLookups, expiryFromNow, type Job, mustSeal, type ProcessResult } from './fetchJob.js';
import { type FetchedEntity, fetchMissingEntities } from './fetchMissingEntities.js';
import { followRead, leaderOf, leadRead, type SettleRead } from './inFlightRead.js';
import { readCachedEntities } from './readCachedEntities.js';

type References = readonly (EntityReference | undefined)[];

/**
 * An `_entities` fetch through the entity cache, in six steps:
 *
 * 1. **Entity references** (`entityReferences`): each representation's cache key and the tag
 *    a write of that entity evicts. One without a key value the cache knows is fetched, never
 *    stored, and the request's whole response is then not kept either.
 * 2. **Read cached entities** (`readCachedEntities`): every key and the department's write
 *    version in one round trip, then the batch blobs the hits point into (unless this gateway
 *    holds them already). A hit goes into the answer at its index. Store away: the fetch goes to the department as it came.
 * 3. **Split the misses**: a miss whose key another request is already fetching *follows* that
 *    request (the leader); every other miss this fetch *leads* — its key is marked in flight
 *    before the department is asked, so requests missing it meanwhile follow (`inFlightRead`).
 * 4. **Fetch the missing ones** (`fetchMissingEntities`): one department call with the led
 *    representations only; answers, errors and subjects land at their original indexes.
 * 5. **Write back** (`writeBack`): the entities that came back whole, as one batch — one blob
 *    sealed by one cipher call, an entry per entity pointing into it (`entityBatch`) — stored
 *    only if the department is still at the version read in step 2. Then each led key is
 *    settled with the JSON stored for it, or with nothing when nothing was stored.
 * 6. **Followers**: each takes its leader's JSON; where the leader stored nothing (an error, a
 *    raced write, the store away) it asks the department itself, and the response is not kept.
 *
 * The version race: a department's committed write evicts every entry tagged with a changed
 * entity and bumps the department's version, atomically (`@govgraph/cache`). The store script
 * of step 5 writes nothing once the version moved, so an answer fetched before a write can
 * never be stored after the eviction that write caused; and every gateway hearing the write
 * clears its in-flight reads, so no request arriving after it follows a leader that started
 * before it. Reading a blob after the entries (step 2) changes nothing: a blob never changes
 * once written, so it holds what the entries pointed at when the version was read.
 */
export async function entitiesFetch(
  job: Job,
  representations: Record<string, unknown>[],
): Promise<ProcessResult> {
  const references = entityReferences(job, representations);
  for (const reference of references) {
    if (reference) job.state.tags.add(reference.tag);
    else job.state.uncacheable = true;
  }
  const cached = await readCachedEntities(job, references);
  if (!cached) return job.fetch(job.options);
  const answer = emptyAnswer(representations.length);
  const misses = takeHits(job, references, cached.entries, answer);
  if (misses.length === 0) return answerResult(answer);

  const { led, followed } = splitMisses(job, references, misses);
  const { version } = cached;
  const storing = job.cache.entity && version !== undefined;
  const settles = new Map<number, SettleRead>();
  for (const index of storing ? led : []) {
    const reference = references[index];
    if (reference) settles.set(index, leadRead(job.cache, reference.key));
  }
  let storedJson = new Map<number, string>();
  try {
    const fetched = await fetchMissingEntities(job, led, representations, answer);
    // The department failed as a whole and nothing came from the cache: its answer, as it is.
    if (fetched.failedWhole && led.length === representations.length) return fetched.failedWhole;
    if (storing && version !== undefined) {
      storedJson = await writeBack(job, references, fetched.whole, version);
    }
  } finally {
    for (const [index, settle] of settles) settle(storedJson.get(index));
  }
  await answerFollowers(job, followed, representations, answer);
  return answerResult(answer);
}

/** Puts every hit into the answer and returns the indexes of the misses; counts both by type. */
function takeHits(
  job: Job,
  references: References,
  entries: readonly (CacheEntry<unknown, string[]> | undefined)[],
  answer: EntitiesAnswer,
): number[] {
  const misses: number[] = [];
  // Counted once per fetch and type: a list is hundreds of one type.
  const counts = new Map<string, { hits: number; misses: number }>();
  references.forEach((reference, index) => {
    const entry = entries[index];
    if (entry) useCachedEntity(job, answer, index, entry);
    else misses.push(index);
    if (!reference || !job.cache.entity) return;
    const count = counts.get(reference.typename) ?? { hits: 0, misses: 0 };
    if (entry) count.hits++;
    else count.misses++;
    counts.set(reference.typename, count);
  });
  for (const [typename, count] of counts) {
    countLookups(job, 'hit', typename, count.hits);
    countLookups(job, 'miss', typename, count.misses);
  }
  return misses;
}

/** Misses another request is fetching (followed, with its read) and the ones to fetch here. */
function splitMisses(job: Job, references: References, misses: readonly number[]) {
  const followed = new Map<number, Promise<string | undefined>>();
  const led: number[] = [];
  for (const index of misses) {
    const key = references[index]?.key;
    const leader = job.cache.entity && key !== undefined ? leaderOf(job.cache, key) : undefined;
    if (leader) followed.set(index, leader);
    else led.push(index);
  }
  return { led, followed };
}

/**
 * Stores the whole entities of one fetch as one batch at the version read before fetching;
 * returns each stored entity's JSON by index (none when the version moved or the store is away).
 */
async function writeBack(
  job: Job,
  references: References,
  whole: readonly FetchedEntity[],
  version: string,
): Promise<Map<number, string>> {
  const json = new Map<number, string>();
  const members: BatchMember[] = [];
  for (const { index, data, subjects, tags } of whole) {
    const reference = references[index];
    if (!reference) continue;
    const entry: CacheEntry = {
      data,
      ...(subjects ? { subjects } : {}),
      tags: [reference.tag, ...tags],
      expiresAt: expiryFromNow(job),
    };
    const text = serializeEntry(entry);
    json.set(index, text);
    members.push({
      key: reference.key,
      json: text,
      tags: entry.tags,
      sealed: mustSeal(job, entry),
    });
  }
  if (members.length === 0) return json;
  const { cache, department } = job;
  const batch = encodeBatch(cache.cipher, { prefix: cache.prefix, department }, members, job.ttlMs);
  const stored = await cache.store.write(batch.entries, new Map([[department, version]]));
  if (stored && batch.blob) rememberBatch(cache.batches, batch.blob);
  return stored ? json : new Map();
}

/** Answers followed misses from their leaders' entries, asking the department for the rest. */
async function answerFollowers(
  job: Job,
  followed: ReadonlyMap<number, Promise<string | undefined>>,
  representations: readonly Record<string, unknown>[],
  answer: EntitiesAnswer,
): Promise<void> {
  const unanswered: number[] = [];
  for (const [index, leader] of followed) {
    const entry = await followRead<unknown, string[]>(leader);
    if (entry) useCachedEntity(job, answer, index, entry);
    else unanswered.push(index);
  }
  if (unanswered.length === 0) return;
  job.state.uncacheable = true;
  await fetchMissingEntities(job, unanswered, representations, answer);
}
