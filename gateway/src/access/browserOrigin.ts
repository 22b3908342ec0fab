import type { IncomingMessage } from 'node:http';
import type { AccessRegistry, Caller } from '@govgraph/governance';
import { ORIGIN_NOT_ALLOWED, quoteInput } from '@govgraph/schema';
import type { CorsPolicy, Logger } from '@govgraph/server';

/** An origin is quoted whole up to this length (a host name may have 253 characters). */
const ORIGIN_QUOTE_CHARS = 128;

/** The request headers a browser app may send: the hub's own, and Apollo's CSRF ones. */
export const CORS_ALLOW_HEADERS: readonly string[] = [
  'content-type',
  'x-api-key',
  'authorization',
  'x-purpose',
  'x-case-id',
  'x-operator-id',
  'x-request-id',
  'x-govgraph-debug',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/** The response headers a browser app needs to read. */
export const CORS_EXPOSE_HEADERS: readonly string[] = [
  'x-request-id',
  'x-correlation-id',
  'retry-after',
  'x-gateway-worker',
];

/** How long a browser keeps a preflight's answer: 10 minutes (Chromium's own cap is 2 hours). */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * The gateway's CORS policy: a preflight carries no credential, so an origin is allowed when any
 * enabled agency lists it, or it is an origin of the citizen portal. Which credential is then
 * accepted from it is `checkBrowserOrigin`'s question.
 */
export function gatewayCorsPolicy(registry: AccessRegistry): CorsPolicy {
  return {
    allowsOrigin: (origin) => originRegistered(registry, origin),
    allowHeaders: CORS_ALLOW_HEADERS,
    exposeHeaders: CORS_EXPOSE_HEADERS,
    maxAgeSeconds: CORS_MAX_AGE_SECONDS,
  };
}

function originRegistered(registry: AccessRegistry, origin: string): boolean {
  return registry.agenciesAllowingOrigin(origin).size > 0 || registry.citizenAllowsOrigin(origin);
}

/**
 * Refuses (403 `ORIGIN_NOT_ALLOWED`, before anything runs) a request a browser sent from a page
 * on another origin unless the caller registered that origin: an agency's key or token only from
 * the agency's own origins (a key copied into another site's page is useless there), a citizen's
 * token only from the citizen portal's, an anonymous call from any registered origin. Requests
 * without `Origin` (curl, servers) and same-origin ones (GraphiQL on the gateway) are not
 * concerned. A refusal is logged (a key used from a site its agency did not register is worth
 * an operator's look), naming the caller and the origin cut short.
 */
export function checkBrowserOrigin(
  req: IncomingMessage,
  caller: Caller,
  registry: AccessRegistry,
  logger: Logger,
): void {
  const origin = req.headers.origin;
  if (origin === undefined || isSameOrigin(origin, req.headers.host)) return;
  if (callerAllowsOrigin(registry, caller, origin)) return;
  logger.warn(
    {
      caller: caller.kind === 'agency' ? caller.agencyId : caller.kind,
      origin: origin.slice(0, ORIGIN_QUOTE_CHARS),
    },
    'refused a browser request from an origin the caller did not register',
  );
  throw ORIGIN_NOT_ALLOWED.refusal(refusal(caller, origin));
}

function callerAllowsOrigin(registry: AccessRegistry, caller: Caller, origin: string): boolean {
  switch (caller.kind) {
    case 'agency':
      return registry.agencyAllowsOrigin(caller.agencyId, origin);
    case 'citizen':
      return registry.citizenAllowsOrigin(origin);
    case 'anonymous':
      return originRegistered(registry, origin);
  }
}

/** A page served by the gateway itself: the `Origin`'s host and port are the request's `Host`. */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function refusal(caller: Caller, origin: string): string {
  const quoted = quoteInput(origin, ORIGIN_QUOTE_CHARS);
  switch (caller.kind) {
    case 'agency':
      return `The agency ${JSON.stringify(caller.agencyId)} does not list the origin ${quoted}, so its credentials are refused from pages there. Call from one of its registered origins, or ask the platform operator to add this one (npm run agency -- origin add ${caller.agencyId} <origin>).`;
    case 'citizen':
      return `Citizen tokens are accepted from the citizen portal's pages only, and ${quoted} is not one of its origins. Sign in through the citizen portal.`;
    case 'anonymous':
      return `Browser pages on ${quoted} may not call the gateway: no agency has registered that origin. Ask the platform operator to register it for your agency.`;
  }
}
