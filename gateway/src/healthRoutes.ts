import { type RouteHandler, sendJson } from '@govgraph/schema/runtime';

/** `/health`: the process answers. `/ready`: a supergraph is loaded and queries can be served. */
export function healthRoutes(isReady: () => boolean): Record<string, RouteHandler> {
  return {
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': (_req, res) =>
      isReady()
        ? sendJson(res, 200, { status: 'ready' })
        : sendJson(res, 503, { status: 'not ready', reason: 'no supergraph loaded yet' }),
  };
}
