import { DEPARTMENT_ERROR, DEPARTMENT_UNAVAILABLE } from '@govgraph/schema';
import { passesThrough, UNAVAILABLE_STATUSES } from '../../src/dataSource/departmentErrors.js';
import { NULLING_CODES } from '../../src/plugins/useOneErrorPerDepartment.js';
import type { GraphQLResponse, GraphQLResponseError } from '../support/index.js';

/** Which gateway answered: the reference, or govgraph's. */
export type Side = 'bare' | 'govgraph';

/** What a differential test compares: the answer's `data` and `errors`, nothing else. */
export interface Answer {
  data: GraphQLResponse['data'];
  errors: GraphQLResponseError[] | undefined;
}

/**
 * The answer with only the differences govgraph's gateway makes on purpose taken out, so
 * that everything else — `data` whole, and each error's message, path and code — must be equal:
 * - `extensions.requestId` differs per request: govgraph sets its own on every error
 *   (server/src/errorMasking.ts, useErrorMasking), bare passes the subgraph's through.
 * - A subgraph error without a registered code (the subgraph's masked INTERNAL_ERROR), or a
 *   subgraph answering a non-2xx status without GraphQL errors, becomes DEPARTMENT_ERROR with a
 *   message of govgraph's (gateway/src/dataSource/departmentErrors.ts, fromDepartment; for a
 *   status, DepartmentDataSource's #failure). Bare passes the subgraph's error on, or Apollo's
 *   `500: Internal Server Error` with the body and the subgraph's URL in `extensions.response`.
 *   Both become `{ code: DEPARTMENT_ERROR, department }` at the same path.
 * - A subgraph error with a registered code passes through with `extensions.department` added
 *   (fromDepartment); with a non-2xx status, govgraph passes the body's errors (#failure) where
 *   bare reports `400: Bad Request` with the body in `extensions.response`.
 * - A subgraph down (refused, 502-504) is one DEPARTMENT_UNAVAILABLE per department at the
 *   first nulled field, `extensions.paths` listing them all (unavailableError;
 *   plugins/useOneErrorPerDepartment.ts); bare reports one pathless error per failed fetch.
 *   Both become one `{ code: DEPARTMENT_UNAVAILABLE, department }` per department, pathless.
 * - Errors are sorted: both gateways (Apollo's executor) append a fetch's errors when the fetch
 *   ends, so parallel fetches report in the order they happen to finish.
 */
export function normalizeAnswer(
  answer: Answer,
  side: Side,
  departmentByUrl: ReadonlyMap<string, string>,
): Answer {
  if (!answer.errors) return answer;
  const normalize = side === 'bare' ? bareErrors : govgraphErrors;
  const seen = new Set<string>();
  const errors = answer.errors
    .flatMap((e) => normalize(e, departmentByUrl))
    .filter((error) => {
      // One DEPARTMENT_UNAVAILABLE per department on both sides (govgraph merges them itself).
      if (error.extensions?.code !== DEPARTMENT_UNAVAILABLE.code) return true;
      const key = canonicalJson(error);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
  return { data: answer.data, errors };
}

function govgraphErrors(error: GraphQLResponseError): GraphQLResponseError[] {
  const { requestId: _, ...extensions } = error.extensions ?? {};
  const code = String(extensions.code);
  const department = String(extensions.department);
  if (code === DEPARTMENT_ERROR.code) return [failed(department, error.path)];
  if (NULLING_CODES.includes(code)) return [unavailable(department)];
  if (passesThrough(code) && typeof extensions.serviceName === 'string') {
    delete extensions.department;
  }
  return [{ ...error, extensions }];
}

function bareErrors(
  error: GraphQLResponseError,
  departmentByUrl: ReadonlyMap<string, string>,
): GraphQLResponseError[] {
  const { requestId: _, ...extensions } = error.extensions ?? {};
  const response = extensions.response as
    | { url: string; status: number; body?: unknown }
    | undefined;
  // Apollo's RemoteGraphQLDataSource on a non-2xx status: `extensions.response`.
  if (response?.url && typeof response.status === 'number') {
    const department = departmentByUrl.get(response.url) ?? response.url;
    if (UNAVAILABLE_STATUSES.has(response.status)) return [unavailable(department)];
    const body = response.body as { errors?: GraphQLResponseError[] } | undefined;
    if (!body?.errors?.length) return [failed(department, error.path)];
    return body.errors.flatMap((e) =>
      subgraphError(
        { message: e.message, ...(e.path ? { path: e.path } : {}), extensions: e.extensions },
        department,
      ),
    );
  }
  // node-fetch's message when the subgraph refused the connection.
  const refused = /^request to (\S+) failed, reason: /.exec(error.message);
  if (refused?.[1]) return [unavailable(departmentByUrl.get(refused[1]) ?? refused[1])];
  if (typeof extensions.serviceName !== 'string') return [{ ...error, extensions }];
  return subgraphError({ ...error, extensions }, extensions.serviceName);
}

/** An error a subgraph answered, as govgraph would shape it (`fromDepartment`). */
function subgraphError(error: GraphQLResponseError, department: string): GraphQLResponseError[] {
  const { requestId: _, ...extensions } = error.extensions ?? {};
  if (!passesThrough(extensions.code)) return [failed(department, error.path)];
  return [{ ...error, extensions: { ...extensions, serviceName: department } }];
}

const failed = (department: string, path: GraphQLResponseError['path']): GraphQLResponseError => ({
  message: 'a department failed (message normalised)',
  ...(path ? { path } : {}),
  extensions: { code: DEPARTMENT_ERROR.code, department },
});

const unavailable = (department: string): GraphQLResponseError => ({
  message: 'a department is down (message normalised)',
  extensions: { code: DEPARTMENT_UNAVAILABLE.code, department },
});

/** JSON with every object's keys sorted: "byte for byte after key ordering". */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
