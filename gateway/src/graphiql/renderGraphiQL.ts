import type { Asset, GraphiQLAssetName } from './graphiqlAssets.js';
import {
  type ExampleOptions,
  type ExampleTab,
  exampleTabs,
  PUBLIC_START,
} from './graphiqlExamples.js';

export interface GraphiQLPageOptions extends ExampleOptions {
  /** Where the page's fetcher posts queries. @default '/graphql' */
  endpoint?: string;
  title?: string;
}

/** Where the page reads the registered purposes for its connection bar. */
export const PURPOSES_PATH = '/graphiql/purposes.json';

/**
 * The GraphiQL page. Every script and stylesheet is a same-origin path under
 * `/graphiql/assets/`: government networks are often closed, so nothing may come from a CDN.
 */
export function renderGraphiQL(
  assets: Record<GraphiQLAssetName, Asset>,
  options: GraphiQLPageOptions = {},
  tabs: readonly ExampleTab[] = exampleTabs(options),
): string {
  const src = (a: Asset) => `${a.path}?v=${a.version}`;
  const config = {
    endpoint: options.endpoint ?? '/graphql',
    purposesUrl: PURPOSES_PATH,
    catalogUrl: '/catalog',
    defaultQuery: options.defaultQuery ?? PUBLIC_START,
    tabs,
  };
  const title = escapeHtml(options.title ?? 'govgraph GraphiQL');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${src(assets.css)}">
<link rel="stylesheet" href="${src(assets.pageCss)}">
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
