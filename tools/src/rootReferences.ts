import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceFolders } from './workspaceFolders.js';

/**
 * The root tsconfig.json's project references, derived from the workspace list: every workspace,
 * followed by its `tests/` project where it keeps one (department and cache, whose tests use
 * `@govgraph/testing`, which depends on them). `npm run references` writes them.
 */
export function rootReferences(root: string): { path: string }[] {
  return workspaceFolders(root).flatMap((folder) => [
    { path: folder },
    ...(existsSync(join(root, folder, 'tests', 'tsconfig.json'))
      ? [{ path: `${folder}/tests` }]
      : []),
  ]);
}

/** The root tsconfig.json's text: no files of its own, one reference per project. */
export function rootTsconfig(root: string): string {
  return `${JSON.stringify({ files: [], references: rootReferences(root) }, null, 2)}\n`;
}
