import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceFolders } from './tools/src/workspaceFolders.ts';

// Finds Chromium for the browser tests, or installs Debian's package on a fresh machine.
const chromiumSetup = fileURLToPath(new URL('./testing/src/chromiumSetup.ts', import.meta.url));
// Stops a run on a Node other than the pinned one (package.json's `node` devDependency).
const nodeVersionSetup = fileURLToPath(
  new URL('./testing/src/nodeVersionSetup.ts', import.meta.url),
);

// One config for the whole workspace: `npm test` runs every project; a package's own
// `npm test` picks its project with --project (roots resolve from this file, not the cwd).
// `npm run test:unit` (--mode unit) runs only `*.unit.test.ts`: tests that need no database,
// Redis, browser or network, so it skips the browser projects' Chromium setup too.
const project = (
  folder: string,
  unit: boolean,
  {
    name = folder.split('/').at(-1) ?? folder,
    timeout = 30_000,
    browser = false,
  }: { name?: string; timeout?: number; browser?: boolean } = {},
) => ({
  extends: true as const,
  test: {
    name,
    root: fileURLToPath(new URL(folder, import.meta.url)),
    include: [unit ? 'tests/**/*.unit.test.ts' : 'tests/**/*.test.ts'],
    testTimeout: timeout,
    hookTimeout: 120_000,
    // Every project checks the Node first; projects with browser tests then find Chromium, or
    // install Debian's on a fresh machine (not in unit mode, which needs no browser).
    globalSetup: browser && !unit ? [nodeVersionSetup, chromiumSetup] : [nodeVersionSetup],
  },
});

// One project per workspace of the root package.json, named after its folder; only these differ.
const projectOptions: Record<string, Parameters<typeof project>[2]> = {
  gateway: { browser: true },
  test: { name: 'integration', timeout: 60_000, browser: true },
};

// Apollo's packages are CommonJS and load graphql's CommonJS build; Vite would otherwise give
// our own code graphql's ESM build, and the two copies fail each other's `instanceof` checks.
// Node (tsx, production) resolves `graphql` to the CommonJS build too, so tests match production.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

export default defineConfig(({ mode }) => ({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    projects: workspaceFolders(fileURLToPath(new URL('.', import.meta.url))).map((folder) =>
      project(folder, mode === 'unit', projectOptions[folder]),
    ),
  },
}));
