import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A file the GraphiQL page loads, held in memory and served by the gateway itself. */
export interface Asset {
  /** URL path under which the gateway serves it, e.g. `/graphiql/assets/graphiql.min.js`. */
  path: string;
  /** Short content hash; the page asks for `path?v=hash`, so a long cache is safe across upgrades. */
  version: string;
  contentType: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const require = createRequire(import.meta.url);

// The UMD builds are not in these packages' `exports`, so they are found next to package.json.
function fromPackage(pkg: string, file: string): Buffer {
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

function asset(name: string, contentType: string, body: Buffer): Asset {
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/graphiql/assets/${name}`, version, contentType, body };
}

/** React 18 UMD, GraphiQL 3 bundle and stylesheet, and the small script that mounts GraphiQL. */
export function loadGraphiQLAssets(): Record<
  'react' | 'reactDom' | 'graphiql' | 'css' | 'init',
  Asset
> {
  return {
    react: asset(
      'react.production.min.js',
      JS,
      fromPackage('react', 'umd/react.production.min.js'),
    ),
    reactDom: asset(
      'react-dom.production.min.js',
      JS,
      fromPackage('react-dom', 'umd/react-dom.production.min.js'),
    ),
    graphiql: asset('graphiql.min.js', JS, fromPackage('graphiql', 'graphiql.min.js')),
    css: asset('graphiql.min.css', CSS, fromPackage('graphiql', 'graphiql.min.css')),
    init: asset('init.js', JS, Buffer.from(INIT_SCRIPT)),
  };
}

// Runs in the browser (plain ES2017, no bundler). The configuration comes from a JSON block
// in the page, so the page needs no inline script and its CSP can stay `script-src 'self'`.
const INIT_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var props = { fetcher: fetcher, defaultEditorToolsVisibility: true };
  if (config.defaultQuery) props.defaultQuery = config.defaultQuery;
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, props)
  );
})();
`;
