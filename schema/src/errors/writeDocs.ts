import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderErrorDocs } from './renderErrorDocs.js';

// `npm run docs -w @govgraph/schema` (part of `npm run codegen`); `--check` fails when stale.
const target = fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));
const next = renderErrorDocs();
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== next) {
    console.error('docs/errors.md is stale: run `npm run codegen` and commit the result.');
    process.exit(1);
  }
} else {
  await writeFile(target, next);
  console.log('wrote docs/errors.md');
}
