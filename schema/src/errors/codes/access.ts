import { makeCode } from '../ErrorCode.js';

// Access by agency and purpose (docs/access.md). Owned by the access layer in the gateway.

export const UNAUTHENTICATED = makeCode(
  'UNAUTHENTICATED',
  'access',
  401,
  'The credential sent (an `X-Api-Key` header or an `Authorization: Bearer` token) is not valid: unknown or revoked key, bad signature, wrong issuer or audience, or expired. The message says which. Ask the platform operator for a new key, or renew the token.',
);
export const FORBIDDEN = makeCode(
  'FORBIDDEN',
  'access',
  403,
  'The caller may not read what it asked for. From the gateway, for the whole operation: nothing was run, and `extensions.denied` lists every denied field coordinate with its level and reason (no grant, purpose missing or unknown, case number or operator missing, a citizen naming someone else’s national ID, or reaching anyone else’s personal fields through a relative, a company or a list). Remove those fields, or ask the platform operator for a grant. From the data tracker, on one `accessLog` field: only an auditor agency, or the citizen the log is about, may read it.',
);
export const HUB_CONTEXT_REQUIRED = makeCode(
  'HUB_CONTEXT_REQUIRED',
  'access',
  401,
  'A department subgraph was called without a valid caller token. Departments answer the gateway only: send the query to the gateway (`/graphql` on port 4000), not to the department.',
);
export const SIGN_IN_THROTTLED = makeCode(
  'SIGN_IN_THROTTLED',
  'access',
  429,
  'Too many failed service-desk sign-ins for this operator, or from this address, in the last 15 minutes (HTTP 429 with `Retry-After`). Nothing was checked. Wait the time `extensions.retryAfterSeconds` says, then sign in with the right password, or ask the agency administrator for a new one (`agency operator password`).',
);
export const ORIGIN_NOT_ALLOWED = makeCode(
  'ORIGIN_NOT_ALLOWED',
  'access',
  403,
  'A browser page on another web origin called the gateway (HTTP 403, nothing was run), and that origin is not registered for the caller: an agency’s key or token is accepted from a page only on an origin the agency lists (`npm run agency -- origin add <agency> <origin>`), a citizen’s token only from the citizen portal’s origins (registry file `citizen.origins`), and an anonymous call only from an origin some agency or the citizen portal lists. A preflight (`OPTIONS`) from an unregistered origin gets this too, without CORS headers. Ask the platform operator to register the origin (scheme://host[:port], exactly as the browser sends it in `Origin`).',
);
