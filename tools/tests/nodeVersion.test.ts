import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
const rootPackage = JSON.parse(read('package.json')) as {
  devDependencies: Record<string, string>;
  engines: Record<string, string>;
};
const pinned = rootPackage.devDependencies.node ?? '';
const major = pinned.split('.')[0];

/**
 * The PATH of a fresh shell: without the node_modules/.bin entries npm added for this test run,
 * so the first `node` on it is the system's (20 on this project's machines and CI).
 */
function systemPath(): string {
  const bin = `${sep}node_modules${sep}.bin`;
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.endsWith(bin))
    .join(delimiter);
}

describe('the Node govgraph runs on', () => {
  it('is pinned as an exact version of the node package', () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
  });

  it("runs npm start's tsx on the pinned Node even with the system Node first on PATH", () => {
    // `npm start` is `npm run start -w @govgraph/tools`, which runs `tsx src/start.ts`: the same
    // npm and PATH as this exec, with tsx's `#!/usr/bin/env node` picking the first node.
    const version = execFileSync(
      'npm',
      ['exec', '-w', '@govgraph/tools', '--', 'tsx', '-e', 'console.log(process.version)'],
      { cwd: ROOT, env: { ...process.env, PATH: systemPath() }, encoding: 'utf8' },
    ).trim();
    expect(version).toBe(`v${pinned}`);
  });

  it('is the one .nvmrc, engines and the deploy image name', () => {
    expect(read('.nvmrc').trim()).toBe(major);
    expect(rootPackage.engines.node).toBe(`>=${major} <${Number(major) + 1}`);
    expect(read('deploy/Dockerfile')).toMatch(new RegExp(`^FROM node:${major}-`, 'm'));
  });
});
