import type { RequestScope } from '@govgraph/server';
import type { AccessLogReader } from './accessLogPolicy.js';

/**
 * Who is asking, from the caller token the department runtime verified (`scope.hub`).
 * Anything short of a well-formed agency or citizen is anonymous, which the policy refuses.
 */
export function readerOf(scope: RequestScope): AccessLogReader {
  const hub = scope.hub;
  if (hub?.caller === 'agency' && hub.agency !== undefined) {
    return { kind: 'agency', agencyId: hub.agency, roles: hub.roles ?? [] };
  }
  if (hub?.caller === 'citizen' && hub.citizen !== undefined) {
    return { kind: 'citizen', nationalId: hub.citizen };
  }
  return { kind: 'anonymous' };
}
