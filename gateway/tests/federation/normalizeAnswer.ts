import { DEPARTMENT_ERROR } from '@govgraph/schema';
import type { GraphQLResponse, GraphQLResponseError } from '../support/index.js';

/** Which gateway answered: the reference, or govgraph's. */
export type Side = 'bare' | 'govgraph';

/** What a differential test compares: the answer's `data` and `errors`, nothing else. */
export interface Answer {
  data: GraphQLResponse['data'];
  errors: GraphQLResponseError[] | undefined;
}

// A department failure as both gateways' answers are compared: where, and which department.
const DEPARTMENT_FAILED = 'a department failed (message normalised)';

/**
 * The answer with only the differences govgraph's gateway makes on purpose taken out, so
 * that everything else must be equal:
 * - `extensions.requestId` differs per request: govgraph sets its own on every error
 *   (server/src/errorMasking.ts, useErrorMasking), bare passes the subgraph's through.
 * - A subgraph error without a registered code (the subgraph's masked INTERNAL_ERROR), or a
 *   subgraph answering with a non-2xx HTTP status, becomes DEPARTMENT_ERROR with a message of
 *   govgraph's naming the department (gateway/src/dataSource/departmentErrors.ts, fromDepartment;
 *   DepartmentDataSource's #failure for the HTTP status): bare passes the subgraph's error, or
 *   Apollo's `500: Internal Server Error` with the response body and the subgraph's URL in
 *   `extensions.response`. Both become `{ code: DEPARTMENT_ERROR, department }` at the same path.
 * - A subgraph error with a registered code passes through with `extensions.department` added
 *   (fromDepartment again).
 * - Errors are sorted: both gateways (Apollo's executor) append a fetch's errors when the fetch
 *   ends, so parallel fetches report in the order they happen to finish.
 */
export function normalizeAnswer(
  answer: Answer,
  side: Side,
  departmentByUrl: ReadonlyMap<string, string>,
): Answer {
  if (!answer.errors) return answer;
  const errors = answer.errors
    .map((error) => normalizeError(error, side, departmentByUrl))
    .sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
  return { data: answer.data, errors };
}

function normalizeError(
  error: GraphQLResponseError,
  side: Side,
  departmentByUrl: ReadonlyMap<string, string>,
): GraphQLResponseError {
  const { requestId: _requestId, ...extensions } = error.extensions ?? {};
  const department =
    side === 'govgraph' ? govgraphFailure(extensions) : bareFailure(extensions, departmentByUrl);
  if (department !== undefined) {
    return {
      message: DEPARTMENT_FAILED,
      ...(error.path ? { path: error.path } : {}),
      extensions: { code: DEPARTMENT_ERROR.code, department },
    };
  }
  if (side === 'govgraph' && typeof extensions.serviceName === 'string') {
    delete extensions.department;
  }
  return { ...error, extensions };
}

/** The department of a govgraph DEPARTMENT_ERROR. */
function govgraphFailure(extensions: Record<string, unknown>): string | undefined {
  if (extensions.code !== DEPARTMENT_ERROR.code) return undefined;
  return String(extensions.department);
}

/** The subgraph of an error bare @apollo/gateway passed on, when govgraph would mask it. */
function bareFailure(
  extensions: Record<string, unknown>,
  departmentByUrl: ReadonlyMap<string, string>,
): string | undefined {
  const response = extensions.response as { url?: string; status?: number } | undefined;
  if (response?.url && response.status !== undefined) {
    return departmentByUrl.get(response.url) ?? response.url;
  }
  const serviceName = extensions.serviceName;
  if (typeof serviceName !== 'string') return undefined;
  return extensions.code === 'INTERNAL_ERROR' || typeof extensions.code !== 'string'
    ? serviceName
    : undefined;
}

/** JSON with every object's keys sorted: "byte for byte after key ordering". */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
