import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgencyCli } from '@govgraph/governance';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchemaCli } from '../src/schemaCommand.js';

/** One run of `npm run schema -- …` over a fresh hub store (SQLite) in its own directory. */
async function run(argv: string[], dir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { HUB_DATABASE_URL: undefined, GOVGRAPH_DATA_DIR: join(dir, 'data') };
  const code = await runSchemaCli(argv, env, {
    out: { write: (s: string) => out.push(s) },
    err: { write: (s: string) => err.push(s) },
    cwd: dir,
  });
  return { code, out: out.join(''), err: err.join('') };
}

function fieldsOf(sdl: string, type: string): string[] {
  const found = buildSchema(sdl).getType(type);
  return found && 'getFields' in found ? Object.keys(found.getFields()) : [];
}

describe('npm run schema', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'govgraph-schema-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints an agency’s schema under a purpose from the registry file, to a file with --out', async () => {
    const { code, err } = await run(
      ['--agency', 'tax-bureau', '--purpose', 'TAX_AUDIT', '--out', 'tax.graphql'],
      dir,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const sdl = readFileSync(join(dir, 'tax.graphql'), 'utf8');
    expect(fieldsOf(sdl, 'Person')).toContain('taxProfile');
    expect(fieldsOf(sdl, 'PersonTaxProfile').length).toBeGreaterThan(0);
    expect(sdl).not.toMatch(/join__|link__|@link|_Entity|_Service|_Any/);
  });

  it('prints the public schema with --public: no personal type at all', async () => {
    const { code, out } = await run(['--public'], dir);
    expect(code).toBe(0);
    const schema = buildSchema(out);
    expect(schema.getType('Person')).toBeUndefined();
    expect(schema.getType('NationalId')).toBeUndefined();
    expect(schema.getQueryType()?.getFields().searchLegalEntities).toBeDefined();
  });

  it('gives an agency without a purpose no personal data', async () => {
    const { code, out } = await run(['--agency', 'tax-bureau'], dir);
    expect(code).toBe(0);
    expect(buildSchema(out).getType('Person')).toBeUndefined();
  });

  it('follows the hub store: a grant made with npm run agency shows at once', async () => {
    const before = await run(['--agency', 'fire-service', '--purpose', 'SERVICE_DESK'], dir);
    expect(fieldsOf(before.out, 'Query')).not.toContain('person');
    const env = { HUB_DATABASE_URL: undefined, GOVGRAPH_DATA_DIR: join(dir, 'data') };
    const quiet = { write: () => true };
    const granted = await runAgencyCli(
      ['grant', 'fire-service', 'SERVICE_DESK', 'Query.person', 'Person.name'],
      env,
      quiet,
    );
    expect(granted).toBe(0);
    const after = await run(['--agency', 'fire-service', '--purpose', 'SERVICE_DESK'], dir);
    expect(fieldsOf(after.out, 'Query')).toContain('person');
    expect(fieldsOf(after.out, 'Person')).toEqual(['name']);
  });

  it('refuses unknown agencies and purposes (exit 1) and bad arguments (exit 2), saying what to do', async () => {
    const unknownAgency = await run(['--agency', 'no-such-agency', '--purpose', 'TAX_AUDIT'], dir);
    expect(unknownAgency).toMatchObject({ code: 1, out: '' });
    expect(unknownAgency.err).toContain('No agency "no-such-agency" is registered');
    const unknownPurpose = await run(['--agency', 'tax-bureau', '--purpose', 'NOPE'], dir);
    expect(unknownPurpose).toMatchObject({ code: 1, out: '' });
    expect(unknownPurpose.err).toContain('No purpose "NOPE" is registered');
    for (const argv of [[], ['--public', '--agency', 'tax-bureau'], ['--agency']]) {
      const bad = await run(argv, dir);
      expect(bad.code, argv.join(' ')).toBe(2);
      expect(bad.err).toContain('Usage: npm run schema');
    }
    const help = await run(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--agency <id>');
  });
});
