import { type RouteHandler, sendJson } from '@govgraph/server';
import type { DepartmentProbe } from './observe/departmentProbe.js';

/**
 * `/health`: the process answers (liveness only). `/ready`: a supergraph is loaded and every
 * department it names answers its `/health` — 503 naming the unreachable ones otherwise, since
 * the trusted citizen record spans the departments and a load balancer should send the request
 * to an instance that can reach them (docs/operations.md#readiness).
 */
export function healthRoutes(
  isReady: () => boolean,
  probe?: DepartmentProbe,
): Record<string, RouteHandler> {
  return {
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_req, res) => {
      if (!isReady()) {
        sendJson(res, 503, { status: 'not ready', reason: 'no supergraph loaded yet' });
        return;
      }
      if (!probe) {
        sendJson(res, 200, { status: 'ready' });
        return;
      }
      const departments = await probe.check();
      const unreachable = Object.keys(departments).filter((d) => departments[d]?.status !== 'up');
      if (unreachable.length === 0) {
        sendJson(res, 200, { status: 'ready', departments });
        return;
      }
      sendJson(res, 503, {
        status: 'not ready',
        reason: `departments unreachable: ${unreachable.join(', ')}`,
        unreachable,
        departments,
      });
    },
  };
}
