import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from './httpServer.js';

/** A file a page served by the hub loads, held in memory: nothing comes from a CDN. */
export interface StaticAsset {
  /** URL path it is served under, e.g. `/graphiql/assets/init.js`. */
  path: string;
  /** Short content hash; pages ask for `path?v=hash`, so a year-long cache is safe across upgrades. */
  version: string;
  contentType: string;
  body: Buffer;
}

/** The asset `name` under `prefix` (`/desk/assets`), versioned by its content. */
export function staticAsset(
  prefix: string,
  name: string,
  contentType: string,
  body: Buffer,
): StaticAsset {
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `${prefix}/${name}`, version, contentType, body };
}

/**
 * Serves an asset for GET and HEAD: an ETag (a matching `If-None-Match` is 304), immutable for a
 * year (the page asks for `?v=<content hash>`), and `nosniff`.
 */
export function staticAssetRoute(asset: StaticAsset): RouteHandler {
  return (req, res) => {
    if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
    const etag = `"${asset.version}"`;
    res.setHeader('etag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('content-type', asset.contentType);
    res.setHeader('content-length', asset.body.length);
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('x-content-type-options', 'nosniff');
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };
}

/**
 * True when the request's method is one of `methods`; otherwise answers 405 with `Allow` and the
 * route stops.
 */
export function allowMethods(
  req: IncomingMessage,
  res: ServerResponse,
  methods: readonly string[],
): boolean {
  if (methods.includes(req.method ?? 'GET')) return true;
  res.statusCode = 405;
  res.setHeader('allow', methods.join(', '));
  res.end();
  return false;
}
