import { SUBJECTS_EXTENSION, subjectsFromExtensions } from '@govgraph/department';
import { ledgerOf } from '../pipeline/SubjectLedger.js';

/** The part of a department's GraphQL response this reads. */
interface WithExtensions {
  extensions?: Record<string, unknown>;
}

/**
 * Runs after each department fetch: adds the national IDs and credit codes the department
 * reported to the request's `SubjectLedger` (the audit record's), and returns the response without
 * the extension so it never reaches a caller.
 */
export function takeSubjects<R extends WithExtensions>(response: R, context: unknown): R {
  const extensions = response.extensions;
  if (!extensions || !(SUBJECTS_EXTENSION in extensions)) return response;
  const subjects = subjectsFromExtensions(extensions);
  const ledger = ledgerOf(context);
  if (subjects && ledger) for (const keys of Object.values(subjects)) ledger.record(keys);
  const { [SUBJECTS_EXTENSION]: _reported, ...rest } = extensions;
  const stripped = { ...response };
  if (Object.keys(rest).length > 0) stripped.extensions = rest;
  else delete stripped.extensions;
  return stripped;
}
