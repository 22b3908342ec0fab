import { makeCode } from '../ErrorCode.js';

// Request limits (docs/limits.md). Owned by the gateway's limits layer.

export const OPERATION_LIMIT_EXCEEDED = makeCode(
  'OPERATION_LIMIT_EXCEEDED',
  'input',
  400,
  'The operation is larger than the caller may send, and nothing was run: too deep (field nesting, fragments expanded, introspection included), too many aliases (or fields repeated under one response name), too many directives, or too many tokens. `extensions.limit` is `{ name, value, max }`: the limit, what the operation has (at least), and the most allowed (HTTP 400). Split the operation, fetch nested data by key in a second operation, or ask the platform operator to raise the limit for your agency (docs/limits.md).',
);
export const RESPONSE_TOO_LARGE = makeCode(
  'RESPONSE_TOO_LARGE',
  'input',
  400,
  'The answer is larger than the caller may receive (`extensions.limit`: `{ name: "maxResponseBytes", value, max }` in bytes of the serialized answer), so none of it is sent (HTTP 400). The departments were read and the read is audited. Ask for fewer fields or a smaller page (`first`), or ask the platform operator to raise the limit for your agency (docs/limits.md).',
);
