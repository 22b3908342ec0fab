import { allowMethods, type RouteHandler, staticAssetRoute } from '@govgraph/server';
import { loadGraphiQLAssets } from './graphiqlAssets.js';
import {
  GRAPHIQL_CSP,
  type GraphiQLPageOptions,
  PURPOSES_PATH,
  renderGraphiQL,
} from './renderGraphiQL.js';

export interface GraphiQLRouteOptions extends GraphiQLPageOptions {
  /** The registered purposes, for the connection bar; none (an unchecked gateway): empty. */
  purposes?: () => readonly { code: string; description: string }[];
}

/**
 * `/graphiql` (the page), `/` (redirects to it), `/graphiql/purposes.json` (the registered
 * purposes: codes and descriptions are not secret) and `/graphiql/assets/*` (long-cached,
 * read once at start-up).
 */
export function graphiqlRoutes(options: GraphiQLRouteOptions = {}): Record<string, RouteHandler> {
  const assets = loadGraphiQLAssets();
  const page = renderGraphiQL(assets, options);
  const routes: Record<string, RouteHandler> = {
    '/': (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', '/graphiql');
      res.end();
    },
    '/graphiql': (req, res) => {
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-security-policy', GRAPHIQL_CSP);
      res.setHeader('cache-control', 'no-cache');
      res.end(req.method === 'HEAD' ? undefined : page);
    },
    [PURPOSES_PATH]: (req, res) => {
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      const purposes = (options.purposes?.() ?? [])
        .map(({ code, description }) => ({ code, description }))
        .sort((a, b) => a.code.localeCompare(b.code));
      const body = JSON.stringify({ purposes });
      res.setHeader('content-type', 'application/json; charset=utf-8');
      // Purposes change with the registry; a short private cache is enough.
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
  for (const asset of Object.values(assets)) routes[asset.path] = staticAssetRoute(asset);
  return routes;
}
