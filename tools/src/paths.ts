import { fileURLToPath } from 'node:url';

/** The repository root, so the CLIs work from any working directory (npm -w runs in tools/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The composed supergraph the gateway loads; written by `npm run compose`, committed. */
export const SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../gateway/supergraph.graphql', import.meta.url),
);

/** Breaking changes reviewed and accepted on purpose (see tools/README.md for the shape). */
export const ACCEPTED_CHANGES_PATH = fileURLToPath(
  new URL('../../gateway/accepted-changes.json', import.meta.url),
);
