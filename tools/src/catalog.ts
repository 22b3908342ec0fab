import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, DEFAULT_CATALOG_CACHE, renderCatalogMarkdown } from '@govgraph/gateway';
import { REPO_ROOT, SUPERGRAPH_PATH } from './paths.js';

// `npm run catalog`: renders docs/catalog.md from the committed supergraph (README: Data
// catalog). `npm run check:generated` runs it and fails when the committed file differs.
const target = join(REPO_ROOT, 'docs', 'catalog.md');
const catalog = buildCatalog(readFileSync(SUPERGRAPH_PATH, 'utf8'), DEFAULT_CATALOG_CACHE);
writeFileSync(target, renderCatalogMarkdown(catalog, DEFAULT_CATALOG_CACHE));
const fields = catalog.types.reduce((sum, type) => sum + type.fields.length, 0);
console.log(`Wrote docs/catalog.md: ${catalog.types.length} types, ${fields} fields.`);
