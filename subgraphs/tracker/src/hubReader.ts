import type { RequestScope } from '@govgraph/schema/runtime';
import type { AccessLogReader } from './accessLogPolicy.js';

// The verified claims of the gateway's hub-context token, as far as the tracker reads them.
interface HubClaims {
  caller?: unknown;
  agency?: unknown;
  roles?: unknown;
  citizen?: unknown;
}

/**
 * Who is asking, from the hub-context token the department runtime verified (`scope.hub`).
 * Anything short of a well-formed agency or citizen is anonymous, which the policy refuses.
 */
export function readerOf(scope: RequestScope): AccessLogReader {
  const hub = (scope as RequestScope & { hub?: HubClaims | null }).hub;
  if (!hub) return { kind: 'anonymous' };
  if (hub.caller === 'agency' && typeof hub.agency === 'string') {
    const roles = Array.isArray(hub.roles)
      ? hub.roles.filter((r): r is string => typeof r === 'string')
      : [];
    return { kind: 'agency', agencyId: hub.agency, roles };
  }
  if (hub.caller === 'citizen' && typeof hub.citizen === 'string') {
    return { kind: 'citizen', nationalId: hub.citizen };
  }
  return { kind: 'anonymous' };
}
