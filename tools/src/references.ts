import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { rootTsconfig } from './rootReferences.js';

// `npm run references`: writes the root tsconfig.json's references from the workspace list, so
// a new package is type-checked by `tsc -b` without editing it by hand. `npm run check:generated`
// runs it and fails when the committed file differs.
writeFileSync(join(REPO_ROOT, 'tsconfig.json'), rootTsconfig(REPO_ROOT));
console.log('Wrote tsconfig.json references from the workspace list.');
