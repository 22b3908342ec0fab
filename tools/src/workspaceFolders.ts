import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The workspace folders the root package.json lists, relative to `root` and in its order, with
 * each `dir/*` entry expanded to the subfolders that hold a package.json. That is the only
 * pattern the list uses (Node 20 has no fs.glob); any other throws, so a new one is not missed.
 * Read by the root vitest config (one project per workspace) and by the tools' tests.
 */
export function workspaceFolders(root: string): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return workspaces.flatMap((entry) => {
    if (!entry.endsWith('/*')) {
      if (/[*?[\]{}!]/.test(entry)) {
        throw new Error(`workspace "${entry}": only "dir" and "dir/*" entries are understood`);
      }
      return [entry];
    }
    const parent = entry.slice(0, -2);
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(root, parent, e.name, 'package.json')))
      .map((e) => `${parent}/${e.name}`)
      .sort();
  });
}
