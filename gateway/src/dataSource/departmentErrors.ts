import {
  BAD_REQUEST,
  DEPARTMENT_ANSWER_TOO_LARGE,
  DEPARTMENT_ERROR,
  DEPARTMENT_UNAVAILABLE,
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  HUB_CONTEXT_REQUIRED,
  INTERNAL_ERROR,
  isRegisteredCode,
  OPERATION_RESOLUTION_FAILURE,
  PERSISTED_QUERY_NOT_FOUND,
  PERSISTED_QUERY_NOT_SUPPORTED,
  SUBSCRIPTION_NOT_SUPPORTED,
} from '@govgraph/schema';
import type { GraphQLFormattedError } from 'graphql';
import type { GuardRefusal } from './departmentGuard.js';

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
    ...DEPARTMENT_ERROR.formatted(
      `The ${department} department failed while answering part of this request, so the fields it owns are null. Retry later; if it persists, quote the request id to the operator.`,
      { department },
    ),
    ...path,
  };
}

/**
 * Codes a department gives the request the gateway built and signed, never the caller's: the
 * caller's operation was parsed and validated against the supergraph before any fetch, so a
 * department refusing the document, its HTTP form or its caller token is the hub's fault (a query
 * planner bug, a version skew), and telling the caller "your operation failed validation" would
 * send them to look for a mistake that is not theirs. The log keeps the department's words.
 */
const HUB_FAULT_CODES: ReadonlySet<string> = new Set(
  [
    BAD_REQUEST,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    HUB_CONTEXT_REQUIRED,
    OPERATION_RESOLUTION_FAILURE,
    PERSISTED_QUERY_NOT_FOUND,
    PERSISTED_QUERY_NOT_SUPPORTED,
    SUBSCRIPTION_NOT_SUPPORTED,
    INTERNAL_ERROR,
  ].map((definition) => definition.code),
);

/** True for a code a department may return to callers as it is. */
export function passesThrough(code: unknown): code is string {
  return isRegisteredCode(code) && !HUB_FAULT_CODES.has(code);
}

/** Why a department could not be asked, in words a caller can act on (never its address). */
export function unavailableError(
  department: string,
  cause: unknown,
  timeoutMs: number,
): GraphQLFormattedError {
  const what = isTimeout(cause) ? `did not answer within ${timeoutMs} ms` : 'could not be reached';
  return DEPARTMENT_UNAVAILABLE.formatted(
    `The ${department} department ${what}, so the fields it owns are null (the error's path; extensions.paths lists every one), and so is whatever other departments would have added under them. Retry in a moment.`,
    { department },
  );
}

/**
 * A call the gateway did not send: the department's circuit is open (it failed or timed out
 * too often in a row; `extensions.retryAt` says when the gateway tries it again), or as many
 * calls as it may have are in flight and queued.
 */
export function refusedError(department: string, refusal: GuardRefusal): GraphQLFormattedError {
  if (refusal.reason === 'TOO_BUSY') {
    return DEPARTMENT_UNAVAILABLE.formatted(
      `The ${department} department already has as many requests in flight and waiting as the gateway allows (${refusal.maxInFlight} + ${refusal.maxQueued}), so this one was not sent and the fields it owns are null (the error's path; extensions.paths lists every one), and so is whatever other departments would have added under them. Retry in a moment.`,
      { department, reason: refusal.reason },
    );
  }
  const retryAt = refusal.retryAt.toISOString();
  return DEPARTMENT_UNAVAILABLE.formatted(
    `The ${department} department failed or timed out ${refusal.failures} times in a row, so the gateway has stopped calling it for now (circuit open) and the fields it owns are null (the error's path; extensions.paths lists every one), and so is whatever other departments would have added under them. The gateway tries it again at ${retryAt}; retry after that.`,
    { department, reason: refusal.reason, retryAt },
  );
}

/** A department answer over the size cap: dropped unread, so the department's fields are null. */
export function tooLargeError(department: string, limit: number): GraphQLFormattedError {
  return DEPARTMENT_ANSWER_TOO_LARGE.formatted(
    `The ${department} department's answer was larger than the ${limit} bytes the gateway reads from one department call, so it was dropped and the fields it owns are null (the error's path; extensions.paths lists every one), and so is whatever other departments would have added under them. Ask for fewer items or fields from it (smaller pages).`,
    { department, limitBytes: limit },
  );
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** HTTP statuses that say the department (or a proxy in front of it) is not serving. */
export const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
