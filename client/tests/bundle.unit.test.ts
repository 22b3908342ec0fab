import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
// Input paths in the metafile are relative to this: the repository root.
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the client package’s import graph', () => {
  it('bundles for the browser with nothing but the standards’ checkers and graphql-js', async () => {
    // A browser build fails on any Node built-in (node:fs, node:crypto) anywhere in the graph.
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).map((path) => path.replaceAll('\\', '/'));
    const packages = new Set(
      inputs
        .filter((path) => path.includes('node_modules/'))
        .map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]),
    );
    expect([...packages]).toEqual(['graphql']);
    const ours = inputs.filter((path) => !path.includes('node_modules/'));
    for (const path of ours) {
      expect(path).toMatch(/^(client\/src|schema\/src\/(scalars|errors))\//);
    }
  });
});
