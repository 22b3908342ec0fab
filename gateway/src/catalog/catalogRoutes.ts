import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessRegistry, Caller } from '@govgraph/governance';
import { GATEWAY_NOT_READY } from '@govgraph/schema';
import {
  allowMethods,
  type RouteHandler,
  type StaticAsset,
  sendError,
  sendRefusal,
  staticAsset,
  staticAssetRoute,
} from '@govgraph/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { identify } from '../access/identify.js';
import { PRIVATE_NO_STORE } from '../cache/useCacheControlHeader.js';
import { buildCatalog, type Catalog, type CatalogCacheSettings } from './buildCatalog.js';
import { callerCatalog } from './callerCatalog.js';

export interface CatalogOptions {
  /** The access registry; none means the access layer is off and the whole catalog is shown. */
  registry?: AccessRegistry;
  /** The caches' TTL settings the lifetimes are shown with. @default docs/caching.md's defaults */
  cache?: CatalogCacheSettings;
  /**
   * Identifies the caller of `/catalog.json`; the gateway passes its rate-limited identification,
   * so a credential guessed here is charged like one guessed on `/graphql`. @default the registry
   */
  identify?: (req: IncomingMessage) => Promise<Caller>;
}

/** The data catalog: fed each supergraph the gateway loads, served at `/catalog(.json)`. */
export interface CatalogService {
  /** Call from `gateway.onSchemaLoadOrUpdate`. */
  update(supergraph: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }): void;
  routes(): Record<string, RouteHandler>;
}

interface Loaded {
  version: number;
  catalog: Catalog;
  apiSchema: GraphQLSchema;
}

/** The page's own files: no CDN, nothing inline, so the CSP can forbid inline script and style. */
const ASSETS = {
  js: asset('catalog.js', 'text/javascript; charset=utf-8'),
  css: asset('catalog.css', 'text/css; charset=utf-8'),
};

export const CATALOG_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function createCatalogService(options: CatalogOptions = {}): CatalogService {
  const { registry } = options;
  let loaded: Loaded | undefined;
  // The JSON of one caller's catalog, by supergraph, registry version and caller.
  const views = new LRUCache<string, string>({ max: 100 });

  const viewFor = (caller: Caller): string | undefined => {
    if (!loaded) return undefined;
    const key = [loaded.version, registry?.version ?? 0, callerKey(caller)].join('\n');
    let json = views.get(key);
    if (json === undefined) {
      json = JSON.stringify(callerCatalog(loaded.catalog, loaded.apiSchema, caller, registry));
      views.set(key, json);
    }
    return json;
  };

  const json: RouteHandler = async (req, res) => {
    if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
    res.setHeader('cache-control', PRIVATE_NO_STORE);
    res.setHeader('vary', 'authorization, x-api-key');
    const caller = await callerOf(
      req,
      res,
      options.identify ?? (async (r) => (await identify(r, registry)).caller),
    );
    if (!caller) return;
    const body = viewFor(caller);
    if (body === undefined) return notReady(res);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  return {
    update({ apiSchema, coreSupergraphSdl }) {
      loaded = {
        version: (loaded?.version ?? 0) + 1,
        catalog: buildCatalog(coreSupergraphSdl, options.cache),
        apiSchema,
      };
      views.clear();
    },
    routes: () => ({
      '/catalog': page,
      '/catalog.json': json,
      [ASSETS.js.path]: staticAssetRoute(ASSETS.js),
      [ASSETS.css.path]: staticAssetRoute(ASSETS.css),
    }),
  };
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govgraph data catalog</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS.css.path}?v=${ASSETS.css.version}">
</head>
<body>
<header>
<h1>govgraph data catalog</h1>
<p class="lead">Every type and field the hub offers, with the department that owns it, its classification, legal basis, update frequency and cache lifetime.</p>
<form id="sign-in" method="post" autocomplete="off">
<label for="api-key">Agency API key</label>
<input id="api-key" name="api-key" type="password" spellcheck="false" placeholder="X-Api-Key">
<button type="submit" id="sign-in-button">Sign in</button>
<button type="button" id="sign-out" hidden>Sign out</button>
</form>
<p id="who" role="status">Loading the catalog…</p>
</header>
<main>
<div id="filters" role="search">
<label>Search <input id="search" type="search" placeholder="type, field or description"></label>
<label>Department <select id="department"><option value="">all departments</option></select></label>
<label>Classification <select id="classification"><option value="">all levels</option></select></label>
<label id="readable-label" hidden><input id="readable" type="checkbox"> only what I may read</label>
</div>
<p id="count" role="status"></p>
<div id="types"></div>
</main>
<script src="${ASSETS.js.path}?v=${ASSETS.js.version}"></script>
</body>
</html>
`;

const page: RouteHandler = (req, res) => {
  if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-security-policy', CATALOG_CSP);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(req.method === 'HEAD' ? undefined : PAGE);
};

function asset(name: string, contentType: string): StaticAsset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  return staticAsset('/catalog/assets', name, contentType, body);
}

/** The caller, or undefined once a 401/400 answer was sent (as `/graphql` answers it). */
async function callerOf(
  req: IncomingMessage,
  res: ServerResponse,
  identifyCaller: (req: IncomingMessage) => Promise<Caller>,
): Promise<Caller | undefined> {
  try {
    return await identifyCaller(req);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    sendRefusal(res, error);
    return undefined;
  }
}

function notReady(res: ServerResponse): void {
  res.setHeader('retry-after', '5');
  sendError(
    res,
    GATEWAY_NOT_READY,
    'The gateway is starting and has not loaded its supergraph yet. Retry in a few seconds.',
  );
}

function callerKey(caller: Caller): string {
  if (caller.kind === 'agency') return `agency:${caller.agencyId}`;
  return caller.kind;
}
