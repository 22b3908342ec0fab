import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeCommand } from '../src/composeCommand.js';
import { composeDepartments } from '../src/composeDepartments.js';
import { composable, licences, registry, registrySdl } from './fixtures/composable.js';

let dir: string;
let lines: string[];
const run = (argv: string[], departments = [registry, licences]) =>
  composeCommand(argv, {
    departments,
    supergraphPath: join(dir, 'supergraph.graphql'),
    acceptedChangesPath: join(dir, 'accepted-changes.json'),
    print: (line) => lines.push(line),
  });
const supergraph = () => readFileSync(join(dir, 'supergraph.graphql'), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'govgraph-compose-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run compose', () => {
  it('writes the composed supergraph when the standards pass', async () => {
    expect(await run([])).toBe(0);
    expect(supergraph()).toBe(composeDepartments([registry, licences]).supergraphSdl);
    expect(lines.at(-1)).toBe(
      `wrote ${join(dir, 'supergraph.graphql')}; standards check passed (subgraphs: registry, licences).`,
    );
  });

  it('--check fails on a missing or stale supergraph and passes once it is written', async () => {
    expect(await run(['--check'])).toBe(1);
    expect(lines.at(-1)).toMatch(/is stale: .* Run `npm run compose` and commit the result\.$/);
    writeFileSync(
      join(dir, 'supergraph.graphql'),
      `${composeDepartments([registry]).supergraphSdl}`,
    );
    expect(await run(['--check'])).toBe(1);
    expect(await run([])).toBe(0);
    lines = [];
    expect(await run(['--check'])).toBe(0);
    expect(lines.at(-1)).toMatch(/is up to date; standards check passed/);
  });

  it('does not write a supergraph that breaks the standards, and lists every finding', async () => {
    const bad = composable('registry', 4101, registrySdl.replace('"Full name."\n', ''));
    expect(await run([], [bad, licences])).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^note: no .* yet, so no breaking-change baseline$/),
      'Standards check failed with 1 finding(s) (subgraphs: registry, licences):',
      expect.stringMatching(/^ {2}registry: Citizen\.name — field has no description/),
      expect.stringMatching(/was not written\.$/),
    ]);
    expect(() => supergraph()).toThrow(/ENOENT/);
  });

  it('refuses a breaking change unless accepted on the command line or in accepted-changes.json', async () => {
    expect(await run([])).toBe(0);
    const published = supergraph();
    const renamed = composable(
      'registry',
      4101,
      registrySdl.replace('name: String!', 'fullName: String!'),
    );
    expect(await run([], [renamed, licences])).toBe(1);
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}registry: Citizen\.name — breaking change FIELD_REMOVED/),
    );
    expect(supergraph()).toBe(published);

    writeFileSync(
      join(dir, 'accepted-changes.json'),
      JSON.stringify({
        accepted: [
          {
            type: 'FIELD_REMOVED',
            description: 'Citizen.name was removed.',
            reason: 'Renamed to fullName; agencies told on 2025-03-01.',
          },
        ],
      }),
    );
    lines = [];
    expect(await run([], [renamed, licences])).toBe(0);
    expect(lines[0]).toBe(
      'accepted: registry: Citizen.name — breaking change FIELD_REMOVED accepted: Citizen.name was removed. (Renamed to fullName; agencies told on 2025-03-01.)',
    );
    expect(supergraph()).toContain('fullName: String!');
  });

  it('--accept-breaking lets a breaking change through', async () => {
    expect(await run([])).toBe(0);
    const dropped = composable(
      'registry',
      4101,
      registrySdl.replace(/"Civil status\."\s+status: CitizenStatus!/, ''),
    );
    expect(await run(['--accept-breaking'], [dropped, licences])).toBe(0);
    expect(lines).toContainEqual(
      expect.stringMatching(/^accepted: registry: Citizen\.status — breaking change FIELD_REMOVED/),
    );
  });

  it('names the bad entry of a malformed accepted-changes.json', async () => {
    writeFileSync(
      join(dir, 'accepted-changes.json'),
      JSON.stringify({ accepted: [{ type: 'X' }] }),
    );
    expect(await run([])).toBe(1);
    expect(lines.at(-1)).toMatch(
      /accepted-changes\.json: accepted\[0\]\.description must be a non-empty string/,
    );
  });

  it('prints usage for an unknown flag', async () => {
    expect(await run(['--chek'])).toBe(2);
    expect(lines[0]).toMatch(
      /^Unknown option '--chek'[\s\S]*usage: npm run compose -- \[--check\] \[--accept-breaking\]/,
    );
  });
});
