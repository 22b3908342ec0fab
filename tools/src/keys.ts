import { parseArgs } from 'node:util';
import { callerTokenKeyEnv } from './callerTokenKeyEnv.js';

// `npm run keys -- [--kid <id>]`: a fresh caller-token key pair as environment lines.
const { values } = parseArgs({ options: { kid: { type: 'string' } }, strict: true });
const kid = values.kid ?? `hub-${new Date().toISOString().slice(0, 10)}`;
console.log(
  [
    `# Caller-token key pair "${kid}": the first line for the gateway, the second for every department.`,
    "# Rotating: add the new public key to the departments' array first, then switch the gateway, then drop the old key.",
    ...(await callerTokenKeyEnv(kid)),
  ].join('\n'),
);
