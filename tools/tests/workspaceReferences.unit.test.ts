import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rootReferences, rootTsconfig } from '../src/rootReferences.js';
import { workspaceFolders } from '../src/workspaceFolders.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = workspaceFolders(ROOT);

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;

/** The folders a tsconfig.json references, relative to the root. */
function referencedFolders(folder: string): Set<string> {
  const { references = [] } = readJson<{ references?: { path: string }[] }>(
    join(folder, 'tsconfig.json'),
  );
  return new Set(references.map((r) => normalize(join(folder, r.path))));
}

describe('the workspace list is the one place a package is added', () => {
  it('expands subgraphs/* to every department folder', () => {
    expect(FOLDERS).toContain('subgraphs/approvals');
    expect(FOLDERS).toContain('test');
    expect(FOLDERS).not.toContain('subgraphs/*');
  });

  it('has the root tsconfig.json reference every workspace, so tsc -b checks it', () => {
    const referenced = referencedFolders('.');
    expect(FOLDERS.filter((folder) => !referenced.has(folder))).toEqual([]);
    // …because it is the file `npm run references` derives from the workspace list.
    expect(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')).toBe(rootTsconfig(ROOT));
  });

  it("derives a new department's reference, and its tests project, from subgraphs/*", () => {
    const root = mkdtempSync(join(tmpdir(), 'govgraph-refs-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('package.json', JSON.stringify({ workspaces: ['schema', 'subgraphs/*', 'tools'] }));
      for (const folder of ['schema', 'subgraphs/parks', 'subgraphs/ports', 'tools']) {
        write(`${folder}/package.json`, '{}');
      }
      write('subgraphs/ports/tests/tsconfig.json', '{}');
      write('subgraphs/notes/README.md', 'not a package');
      expect(rootReferences(root).map((r) => r.path)).toEqual([
        'schema',
        'subgraphs/parks',
        'subgraphs/ports',
        'subgraphs/ports/tests',
        'tools',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("has each workspace's tsconfig.json reference every workspace package it depends on", () => {
    const folderOf = new Map(
      FOLDERS.map((folder) => [readJson<PackageJson>(join(folder, 'package.json')).name, folder]),
    );
    const missing = FOLDERS.flatMap((folder) => {
      const pkg = readJson<PackageJson>(join(folder, 'package.json'));
      // A package whose tests import a package that depends on it (testing → department) keeps
      // those tests in a project of their own, tests/tsconfig.json, so tsc -b has no cycle.
      const testsProject = join(folder, 'tests');
      const referenced = new Set([
        ...referencedFolders(folder),
        ...(existsSync(join(ROOT, testsProject, 'tsconfig.json'))
          ? referencedFolders(testsProject)
          : []),
      ]);
      return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
        .flatMap((name) => folderOf.get(name) ?? [])
        .filter((dependency) => !referenced.has(dependency))
        .map((dependency) => `${folder} → ${dependency}`);
    });
    expect(missing).toEqual([]);
  });
});
