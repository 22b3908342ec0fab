import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Finds Chromium for the browser tests, or installs Debian's package on a fresh machine.
const chromiumSetup = fileURLToPath(new URL('./testing/src/chromiumSetup.ts', import.meta.url));

// One config for the whole workspace: `npm test` runs every project; a package's own
// `npm test` picks its project with --project (roots resolve from this file, not the cwd).
const project = (
  name: string,
  root: string,
  { timeout = 30_000, browser = false }: { timeout?: number; browser?: boolean } = {},
) => ({
  extends: true as const,
  test: {
    name,
    root: fileURLToPath(new URL(root, import.meta.url)),
    include: ['tests/**/*.test.ts'],
    testTimeout: timeout,
    hookTimeout: 120_000,
    // Projects with browser tests find Chromium, or install Debian's on a fresh machine, first.
    ...(browser ? { globalSetup: [chromiumSetup] } : {}),
  },
});

// Apollo's packages are CommonJS and load graphql's CommonJS build; Vite would otherwise give
// our own code graphql's ESM build, and the two copies fail each other's `instanceof` checks.
// Node (tsx, production) resolves `graphql` to the CommonJS build too, so tests match production.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    projects: [
      project('schema', './schema'),
      project('rules', './rules'),
      project('server', './server'),
      project('cache', './cache'),
      project('department', './department'),
      project('testing', './testing'),
      project('datagen', './datagen'),
      project('governance', './governance'),
      project('population', './subgraphs/population'),
      project('market', './subgraphs/market'),
      project('social', './subgraphs/social'),
      project('tax', './subgraphs/tax'),
      project('housing', './subgraphs/housing'),
      project('approvals', './subgraphs/approvals'),
      project('complaints', './subgraphs/complaints'),
      project('statistics', './subgraphs/statistics'),
      project('tracker', './subgraphs/tracker'),
      project('desk', './desk'),
      project('gateway', './gateway', { browser: true }),
      project('client', './client'),
      project('tools', './tools'),
      project('integration', './test', { timeout: 60_000, browser: true }),
    ],
  },
});
