import { defineConfig } from 'vitest/config';

// One config for the whole workspace: `npm test` runs every project; a package's own
// `npm test` picks its project with --project.
const project = (name: string, root: string, timeout = 30_000) => ({
  extends: true as const,
  test: { name, root, include: ['tests/**/*.test.ts'], testTimeout: timeout, hookTimeout: 120_000 },
});

export default defineConfig({
  test: {
    projects: [
      project('schema', './schema'),
      project('datagen', './datagen'),
      project('population', './subgraphs/population'),
      project('market', './subgraphs/market'),
      project('gateway', './gateway'),
      project('tools', './tools'),
      project('integration', './test', 60_000),
    ],
  },
});
