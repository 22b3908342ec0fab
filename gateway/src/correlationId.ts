import type { IncomingMessage } from 'node:http';

/** The response header that echoes the caller's id of the request. */
export const CORRELATION_HEADER = 'x-correlation-id';

// What a caller's id may hold: enough for UUIDs, trace ids and `service:seq` forms, nothing that
// could break a log line or a header, and short enough to store with every audit record.
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The caller's `X-Request-Id` as a correlation id. The hub always assigns its own request id;
 * the caller's is kept beside it when well formed, and otherwise dropped (`droppedLength` says
 * one was sent, without repeating it).
 */
export function correlationIdOf(req: IncomingMessage): {
  id: string | null;
  droppedLength?: number;
} {
  const given = req.headers['x-request-id'];
  if (given === undefined) return { id: null };
  const text = Array.isArray(given) ? given.join(', ') : given;
  return CORRELATION_ID.test(text) ? { id: text } : { id: null, droppedLength: text.length };
}
