import type { Asset } from './graphiqlAssets.js';

export interface GraphiQLPageOptions {
  /** Where the page's fetcher posts queries. @default '/graphql' */
  endpoint?: string;
  /** Query text shown when the page opens (GraphiQL's own welcome text when unset). */
  defaultQuery?: string;
  title?: string;
}

/**
 * The GraphiQL page. Every script and stylesheet is a same-origin path under
 * `/graphiql/assets/`: government networks are often closed, so nothing may come from a CDN.
 */
export function renderGraphiQL(
  assets: Record<'react' | 'reactDom' | 'graphiql' | 'css' | 'init', Asset>,
  options: GraphiQLPageOptions = {},
): string {
  const src = (a: Asset) => `${a.path}?v=${a.version}`;
  const config = { endpoint: options.endpoint ?? '/graphql', defaultQuery: options.defaultQuery };
  const title = escapeHtml(options.title ?? 'govgraph GraphiQL');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${src(assets.css)}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${jsonForScript(config)}</script>
<script src="${src(assets.react)}"></script>
<script src="${src(assets.reactDom)}"></script>
<script src="${src(assets.graphiql)}"></script>
<script src="${src(assets.init)}"></script>
</body>
</html>
`;
}

/** Keeps the page to its own origin even if a dependency one day tries to reach out. */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// JSON inside <script> must not contain "</script>" or "<!--"; escaping "<" covers both.
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
