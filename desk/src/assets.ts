import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type StaticAsset, staticAsset } from '@govgraph/server';
import { buildSync } from 'esbuild';

/** A file the desk page loads, held in memory and served by the gateway itself. */
/** A file of the desk page, served by the gateway. */
export type DeskAsset = StaticAsset;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function asset(name: string, contentType: string, body: Buffer): DeskAsset {
  return staticAsset('/desk/assets', name, contentType, body);
}

/**
 * The page's script, compiled from `src/page/main.ts` into one file by esbuild at start-up
 * (no build step to forget, nothing fetched at run time), and its stylesheet.
 */
export function loadDeskAssets(): { script: DeskAsset; css: DeskAsset } {
  const built = buildSync({
    entryPoints: [here('./page/main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  const output = built.outputFiles[0];
  if (!output) throw new Error('esbuild produced no desk script');
  return {
    script: asset('desk.js', 'text/javascript; charset=utf-8', Buffer.from(output.contents)),
    css: asset('desk.css', 'text/css; charset=utf-8', readFileSync(here('./page/desk.css'))),
  };
}

/** Scripts and styles from the gateway only; no inline code, nothing from another origin. */
export const DESK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The desk's HTML: an empty shell the script fills. */
export function renderDeskPage(assets: { script: DeskAsset; css: DeskAsset }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service desk · govgraph</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.css.path}?v=${assets.css.version}">
</head>
<body>
<main id="desk"><p>Loading the service desk…</p></main>
<script src="${assets.script.path}?v=${assets.script.version}"></script>
</body>
</html>
`;
}
