import {
  DEPARTMENT_ERROR,
  DEPARTMENT_UNAVAILABLE,
  INTERNAL_ERROR,
  isRegisteredCode,
} from '@govgraph/schema';
import type { GraphQLFormattedError } from 'graphql';

/**
 * What a caller sees for an error a department returned. A registered code is the
 * department's public contract (e.g. INVALID_ARGUMENT) and passes with its message; anything
 * else, including the department's own masked INTERNAL_ERROR, becomes DEPARTMENT_ERROR with a
 * message of ours, so a department that leaks SQL or a stack cannot leak it through the hub.
 */
export function fromDepartment(
  department: string,
  error: GraphQLFormattedError,
): GraphQLFormattedError {
  const code = error.extensions?.code;
  const path = error.path ? { path: error.path } : {};
  if (passesThrough(code)) {
    return {
      message: error.message,
      ...path,
      extensions: { ...error.extensions, code, department },
    };
  }
  return {
    message: `The ${department} department failed while answering part of this request, so the fields it owns are null. Retry later; if it persists, quote the request id to the operator.`,
    ...path,
    extensions: { code: DEPARTMENT_ERROR.code, department },
  };
}

/** True for a code a department may return to callers as it is. */
export function passesThrough(code: unknown): code is string {
  return isRegisteredCode(code) && code !== INTERNAL_ERROR.code;
}

/** Why a department could not be asked, in words a caller can act on (never its address). */
export function unavailableError(
  department: string,
  cause: unknown,
  timeoutMs: number,
): GraphQLFormattedError {
  const what = isTimeout(cause) ? `did not answer within ${timeoutMs} ms` : 'could not be reached';
  return {
    message: `The ${department} department ${what}, so the fields it owns are null; data from the other departments is complete. Retry in a moment.`,
    extensions: { code: DEPARTMENT_UNAVAILABLE.code, department },
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** HTTP statuses that say the department (or a proxy in front of it) is not serving. */
export const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
