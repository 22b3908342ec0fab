import {
  SUBJECTS_EXTENSION,
  type SubjectsByRoot,
  subjectsFromExtensions,
} from '@govgraph/schema/runtime';

/** The part of a department's GraphQL response this reads. */
interface WithExtensions {
  extensions?: Record<string, unknown>;
}

/** What a department fetch yields once its reported subjects are taken out. */
export interface TakenSubjects<R extends WithExtensions> {
  /** The department's response without `extensions.subjects`. */
  response: R;
  /** The subjects it reported, by root response key (`_entities.3`); undefined when none. */
  subjects: SubjectsByRoot | undefined;
}

/**
 * Runs after each department fetch: adds the national IDs and credit codes the department
 * reported to the request's `subjects` (the audit record's), and drops the extension so it
 * never reaches a caller. The per-root map is returned for the entity cache.
 */
export function takeSubjects<R extends WithExtensions>(
  response: R,
  context: unknown,
): TakenSubjects<R> {
  const extensions = response.extensions;
  if (!extensions || !(SUBJECTS_EXTENSION in extensions)) return { response, subjects: undefined };
  const subjects = subjectsFromExtensions(extensions);
  const target = (context as { subjects?: unknown } | undefined)?.subjects;
  if (subjects && target instanceof Set) {
    for (const keys of Object.values(subjects)) for (const key of keys) target.add(key);
  }
  const { [SUBJECTS_EXTENSION]: _reported, ...rest } = extensions;
  const stripped = { ...response };
  if (Object.keys(rest).length > 0) stripped.extensions = rest;
  else delete stripped.extensions;
  return { response: stripped, subjects };
}
