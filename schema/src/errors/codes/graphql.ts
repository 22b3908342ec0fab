import { makeCode } from '../ErrorCode.js';

// These codes are Apollo Server's own; govgraph passes them through unchanged so that
// standard GraphQL clients keep working. They are listed here so the registry is complete.
export const GRAPHQL_PARSE_FAILED = makeCode(
  'GRAPHQL_PARSE_FAILED',
  'input',
  400,
  'The request document is not valid GraphQL syntax. The message gives the line and column.',
);
export const GRAPHQL_VALIDATION_FAILED = makeCode(
  'GRAPHQL_VALIDATION_FAILED',
  'input',
  400,
  'The operation does not fit the schema the caller may read: an unknown field or type, a missing required argument, or a literal of the wrong type. Messages and suggestions name only what the caller may read; check the field name against the schema GraphiQL shows with the same headers.',
);
export const BAD_USER_INPUT = makeCode(
  'BAD_USER_INPUT',
  'input',
  400,
  'A variable does not fit its declared type (missing, null for a non-null type, or the wrong shape).',
);
export const BAD_REQUEST = makeCode(
  'BAD_REQUEST',
  'input',
  400,
  'The HTTP request cannot be taken as it is: not a GraphQL request (no query, an unsupported content type or method), a malformed `X-Purpose`, `X-Case-Id` or `X-Operator-Id` header (at most 64 of `A-Z a-z 0-9 . _ : / -`), or an operation that mixes introspection (`__schema`, `__type`) with data fields — send those as two operations. Between the gateway and a department, also a batch the department will not take (more than 16 operations, or anything but queries): nothing of it ran, and the gateway sends its parts again one by one, so callers never see this one; and a persisted-query hash sent with a mutation, or with a text it is not the SHA-256 of (a department keeps queries only, each under its own hash; nothing ran or was kept). The message says which.',
);
export const OPERATION_RESOLUTION_FAILURE = makeCode(
  'OPERATION_RESOLUTION_FAILURE',
  'input',
  400,
  'The document holds several operations and `operationName` does not pick one of them, or `operationName` names no operation of the document.',
);
// govgraph's own, beside Apollo's: the hub answers queries and mutations over HTTP only.
export const SUBSCRIPTION_NOT_SUPPORTED = makeCode(
  'SUBSCRIPTION_NOT_SUPPORTED',
  'input',
  400,
  'The operation is a `subscription`; the hub serves queries and mutations only. Ask again with a query when the data is needed.',
);
export const PERSISTED_QUERY_NOT_FOUND = makeCode(
  'PERSISTED_QUERY_NOT_FOUND',
  'input',
  200,
  'An automatic persisted query hash is not known yet; send the full query once with the hash.',
);
export const PERSISTED_QUERY_NOT_SUPPORTED = makeCode(
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'input',
  200,
  'Automatic persisted queries are turned off on this server.',
);
