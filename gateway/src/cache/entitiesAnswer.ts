import type { SubjectsByRoot } from '@govgraph/department';
import type { GraphQLFormattedError } from 'graphql';
import type { CacheEntry } from './cacheEntry.js';
import { expireNoLaterThan, type Job, markCached, type ProcessResult } from './fetchJob.js';

/**
 * The `_entities` answer being assembled from hits and fetched entities, at the indexes of
 * the representations asked for: dataloader's rule, same length and order as the keys.
 */
export interface EntitiesAnswer {
  data: unknown[];
  /** Subjects per `_entities.<index>`, as departments report them. */
  subjects: SubjectsByRoot;
  errors: GraphQLFormattedError[];
}

export function emptyAnswer(length: number): EntitiesAnswer {
  return { data: new Array(length).fill(null), subjects: {}, errors: [] };
}

/** Puts a cached entity at `index`; the request then counts as (partly) served from cache. */
export function useCachedEntity(
  job: Job,
  answer: EntitiesAnswer,
  index: number,
  entry: CacheEntry<unknown, string[]>,
): void {
  answer.data[index] = entry.data;
  if (entry.subjects) answer.subjects[`_entities.${index}`] = entry.subjects;
  expireNoLaterThan(job, entry);
  for (const tag of entry.tags) job.state.tags.add(tag);
  markCached(job);
}

/** The answer as a department's response would carry it. */
export function answerResult(answer: EntitiesAnswer): ProcessResult {
  const { data, subjects, errors } = answer;
  return {
    data: { _entities: data },
    ...(errors.length > 0 ? { errors } : {}),
    ...(Object.keys(subjects).length > 0 ? { extensions: { subjects } } : {}),
  } as ProcessResult;
}
