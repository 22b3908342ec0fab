import { makeCode } from '../ErrorCode.js';

// Per-caller rate limits at the gateway (docs/limits.md#rate-limits). Owned by the gateway's rate limiter.

export const RATE_LIMITED = makeCode(
  'RATE_LIMITED',
  'availability',
  429,
  'The caller spent its budget for this second: requests per second, or estimated cost per second, shared by every gateway instance (HTTP 429 with `Retry-After`). Nothing was run and no department was called. `extensions.retryAfterSeconds` says when to retry and `extensions.limit` which budget (`requestsPerSecond` or `costPerSecond`) and its size. Agencies are limited per agency, citizens per person, anonymous callers per client address. An agency that needs more asks the platform operator to raise its limit in the registry.',
);
