import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workspaceFolders } from '../src/workspaceFolders.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Resolves as `tsc -b` does (tsconfig.base.json): `.js` specifiers to `.ts`, package `exports`.
const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
};

/** One import the walk met: what it names, and the chain of files from the entry to it. */
interface Reached {
  specifier: string;
  chain: string[];
}

/**
 * Every import reachable from `entry` through the repository's own sources, into other
 * workspace packages too (npm packages are not entered), each with the files that lead to it.
 */
function reachableImports(entry: string): Reached[] {
  const reached: Reached[] = [];
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const chain = chains.get(file) ?? [file];
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      reached.push({ specifier, chain });
      const resolved = ts.resolveModuleName(specifier, file, OPTIONS, ts.sys).resolvedModule;
      // Workspace packages resolve through node_modules links to their real sources, which TS
      // still flags external; what matters is whether the real file is an npm package's.
      const next = resolved?.resolvedFileName;
      if (!next || next.includes('/node_modules/') || next.endsWith('.d.ts') || chains.has(next)) {
        continue;
      }
      chains.set(next, [...chain, next]);
      queue.push(next);
    }
  }
  return reached;
}

const relative = (chain: string[]) => chain.map((file) => file.replace(ROOT, '')).join(' → ');

/** How an entry reaches the generator: one chain per file that imports it; none is the goal. */
function generatorImports(entry: string): string[] {
  return reachableImports(entry)
    .filter(({ specifier }) => specifier.startsWith('@govgraph/datagen'))
    .map(({ chain }) => relative(chain));
}

interface PackageJson {
  exports?: Record<string, string>;
}

/** A department's production entries: `src/main.ts` and every package export but `./seed`. */
function productionEntries(folder: string): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as PackageJson;
  const exported = Object.entries(pkg.exports ?? {})
    .filter(([subpath]) => subpath !== './seed')
    .map(([, target]) => target);
  return [...new Set(['./src/main.ts', ...exported])].map((target) => join(ROOT, folder, target));
}

const DEPARTMENTS = workspaceFolders(ROOT).filter((folder) => folder.startsWith('subgraphs/'));
const PRODUCTION = [...DEPARTMENTS.flatMap(productionEntries), join(ROOT, 'gateway/src/main.ts')];

describe('production code and the synthetic-data generator', () => {
  it('finds every department of the workspace', () => {
    expect(DEPARTMENTS).toContain('subgraphs/approvals');
    expect(DEPARTMENTS.length).toBeGreaterThanOrEqual(9);
  });

  it.each(PRODUCTION.map((entry) => [entry.replace(ROOT, ''), entry]))(
    '%s does not import @govgraph/datagen, even through another package',
    (_, entry) => {
      expect(generatorImports(entry)).toEqual([]);
    },
  );

  it('follows imports into other workspace packages and finds the generator behind ./seed', () => {
    const fromMain = reachableImports(join(ROOT, 'subgraphs/approvals/src/main.ts'));
    expect(fromMain.map(({ chain }) => relative(chain))).toContainEqual(
      'subgraphs/approvals/src/main.ts → department/src/index.ts → department/src/departmentMain.ts',
    );
    expect(generatorImports(join(ROOT, 'subgraphs/market/src/seed.ts'))).toEqual([
      'subgraphs/market/src/seed.ts',
      'subgraphs/market/src/seed.ts → subgraphs/market/src/db/seed.ts',
    ]);
  });
});
