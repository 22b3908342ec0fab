import { readFileSync } from 'node:fs';

const ROOT_PACKAGE = new URL('../../package.json', import.meta.url);

/**
 * The Node major govgraph runs on: the root package.json pins the `node` package as a
 * devDependency, and npm puts its binary first on the PATH of every npm script.
 */
export function pinnedNodeMajor(): number {
  const pkg = JSON.parse(readFileSync(ROOT_PACKAGE, 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const pinned = pkg.devDependencies?.node;
  const major = Number(pinned?.split('.')[0]);
  if (!Number.isInteger(major)) {
    throw new Error('package.json pins no exact `node` devDependency (e.g. "24.21.0")');
  }
  return major;
}

/**
 * Why a process on `version` must not run govgraph's tests, or undefined when it may. Tests on
 * another Node would pass or fail for reasons production never sees (V8, the SQLite binding).
 */
export function nodeVersionProblem(
  version: string = process.version,
  execPath: string = process.execPath,
): string | undefined {
  const major = pinnedNodeMajor();
  if (Number(version.replace(/^v/, '').split('.')[0]) === major) return undefined;
  return [
    `govgraph runs and tests on Node ${major}, but this is Node ${version} (${execPath}).`,
    'Run tests through npm (`npm test`, `npx vitest ...`): npm puts node_modules/.bin/node,',
    `the pinned Node ${major}, first on PATH. If that file is missing, run \`npm ci\` with install`,
    `scripts on. To use a Node ${major} of your own instead, \`nvm use\` (.nvmrc).`,
  ].join('\n');
}
