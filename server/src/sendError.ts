import type { ServerResponse } from 'node:http';
import { type ErrorCode, errorRegistry } from '@govgraph/schema/errors';
import type { GraphQLError } from 'graphql';

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent) return void res.end();
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(value));
}

/**
 * Answers an error outside GraphQL execution (a route, a refusal at the edge) with the code's
 * status from the registry and `{ errors: [{ message, extensions: { code, … } }] }`.
 * `status` overrides the registry only where HTTP itself names a sharper one (413 for a body
 * over the limit, which the registry files under BAD_REQUEST).
 */
export function sendError(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  status: number = code.httpStatus,
): void {
  sendJson(res, status, code.body(message, extensions));
}

/**
 * Answers a refusal thrown as a GraphQL error (an identification failure, a rate limit) outside
 * GraphQL: its `extensions.http` status and headers when it carries them, else its code's
 * registry status. `extensions` are the public ones to send beside the code.
 */
export function sendRefusal(
  res: ServerResponse,
  error: GraphQLError,
  extensions: Record<string, unknown> = {},
): void {
  for (const [key, value] of refusalHeaders(error)) res.setHeader(key, value);
  const code = errorRegistry.get(String(error.extensions.code));
  sendJson(res, refusalStatus(error) ?? code?.httpStatus ?? 400, {
    errors: [
      {
        message: error.message,
        extensions: { ...extensions, code: code?.code ?? error.extensions.code },
      },
    ],
  });
}

/** The status a refusal carries in `extensions.http.status`, if any. */
export function refusalStatus(error: GraphQLError): number | undefined {
  const http = error.extensions.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : undefined;
}

/** Headers a refusal carries in `extensions.http.headers` (e.g. a rate limit's `Retry-After`). */
export function refusalHeaders(error: GraphQLError): [string, string][] {
  const http = error.extensions.http as { headers?: unknown } | undefined;
  return http?.headers instanceof Map ? [...(http.headers as Map<string, string>)] : [];
}
