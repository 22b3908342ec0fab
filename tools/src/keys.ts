import { parseArgs } from 'node:util';
import { hubContextKeyEnv } from './hubContextKeyEnv.js';

// `npm run keys -- [--kid <id>]`: a fresh hub-context key pair as environment lines.
const { values } = parseArgs({ options: { kid: { type: 'string' } }, strict: true });
const kid = values.kid ?? `hub-${new Date().toISOString().slice(0, 10)}`;
console.log(
  [
    `# Hub-context key pair "${kid}": the first line for the gateway, the second for every department.`,
    "# Rotating: add the new public key to the departments' array first, then switch the gateway, then drop the old key.",
    ...(await hubContextKeyEnv(kid)),
  ].join('\n'),
);
