import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type StaticAsset, staticAsset } from '@govgraph/server';

/** A file the GraphiQL page loads, held in memory and served by the gateway itself. */
export type Asset = StaticAsset;

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const require = createRequire(import.meta.url);

// The UMD builds are not in these packages' `exports`, so they are found next to package.json.
function fromPackage(pkg: string, file: string): Buffer {
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

function asset(name: string, contentType: string, body: Buffer): Asset {
  return staticAsset('/graphiql/assets', name, contentType, body);
}

export type GraphiQLAssetName = 'react' | 'reactDom' | 'graphiql' | 'css' | 'pageCss' | 'init';

// The page's own script and stylesheet (`assets/`), plain browser files read as they are.
function own(file: string): Buffer {
  return readFileSync(new URL(`./assets/${file}`, import.meta.url));
}

/**
 * React 18 UMD, GraphiQL 3 bundle and stylesheet, and the page's own script (connection bar,
 * first-visit note, example tabs; it mounts GraphiQL) and stylesheet.
 */
export function loadGraphiQLAssets(): Record<GraphiQLAssetName, Asset> {
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
    pageCss: asset('govgraph.css', CSS, own('govgraph.css')),
    init: asset('init.js', JS, own('init.js')),
  };
}
