import { subjectsFromExtensions } from '@govgraph/department';
import type { EntitiesAnswer } from './entitiesAnswer.js';
import { entityTagsIn, type Job, type ProcessOptions, type ProcessResult } from './fetchJob.js';

/** An entity the department answered whole: what may be stored for its representation. */
export interface FetchedEntity {
  /** Its index among the fetch's representations. */
  index: number;
  data: unknown;
  subjects?: string[];
  /** Tags of every entity found in its data. */
  tags: string[];
}

export interface MissingEntitiesFetched {
  /** The department's response, when it failed as a whole (no `_entities` at all). */
  failedWhole?: ProcessResult;
  /** Entities that came back whole, without an error: the ones that may be stored. */
  whole: FetchedEntity[];
}

/**
 * Asks the department for the representations at `indexes` only, and writes its answers,
 * errors (their paths moved to the original indexes) and subjects into `answer`. Anything
 * that failed makes the request's whole response uncacheable.
 */
export async function fetchMissingEntities(
  job: Job,
  indexes: readonly number[],
  representations: readonly Record<string, unknown>[],
  answer: EntitiesAnswer,
): Promise<MissingEntitiesFetched> {
  if (indexes.length === 0) return { whole: [] };
  const { options, state } = job;
  const response = await job.fetch({
    ...options,
    request: {
      ...options.request,
      variables: {
        ...options.request.variables,
        representations: indexes.map((index) => representations[index]),
      },
    },
  } as ProcessOptions);
  const received = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  const reported = subjectsFromExtensions(response.extensions);
  // Errors name positions in the department's list (`sent`), which `indexes` maps back.
  const failed = new Set<number>();
  let failedWhole = !Array.isArray(received);
  for (const error of response.errors ?? []) {
    const sent = error.path?.[1];
    if (error.path?.[0] === '_entities' && typeof sent === 'number') {
      failed.add(sent);
      const index = indexes[sent];
      answer.errors.push({ ...error, path: ['_entities', index ?? sent, ...error.path.slice(2)] });
    } else {
      failedWhole = true;
      answer.errors.push(error);
    }
  }
  if (failedWhole) state.uncacheable = true;
  const whole: FetchedEntity[] = [];
  indexes.forEach((index, sent) => {
    const entity = Array.isArray(received) ? (received[sent] ?? null) : null;
    answer.data[index] = entity;
    const subjects = reported?.[`_entities.${sent}`];
    if (subjects) answer.subjects[`_entities.${index}`] = subjects;
    const tags = entityTagsIn(job.cache, entity);
    for (const tag of tags) state.tags.add(tag);
    if (failedWhole || failed.has(sent) || entity === null || typeof entity !== 'object') {
      state.uncacheable = true;
      return;
    }
    whole.push({ index, data: entity, ...(subjects ? { subjects } : {}), tags });
  });
  return Array.isArray(received) ? { whole } : { failedWhole: response, whole };
}
