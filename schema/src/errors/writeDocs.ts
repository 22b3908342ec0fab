import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderErrorDocs } from './renderErrorDocs.js';

// `npm run docs -w @govgraph/schema` (part of `npm run codegen`); `--check` fails when stale.
// A path argument stands in for docs/errors.md, so the check itself can be tested on a copy.
const given = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const target = given
  ? resolve(given)
  : fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));
const shown = given ?? 'docs/errors.md';
const next = renderErrorDocs();
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== next) {
    console.error(`${shown} is stale: run \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
} else {
  await writeFile(target, next);
  console.log(`wrote ${shown}`);
}
