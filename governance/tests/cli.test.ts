import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgencyCli } from '../src/cli/runAgencyCli.js';
import { runAuditCli } from '../src/cli/runAuditCli.js';
import { createAccessRegistry, createAuditLog, DEFAULT_REGISTRY_FILE } from '../src/index.js';
import { auditEntry, COMPANY, PEOPLE, STRANGER } from './auditEntries.js';
import { captureOutput, useHubStore } from './useHubStore.js';

describe.each(ENGINES)('agency and audit commands on %s', (engine) => {
  // A fresh clone: the checked-in registry file, an empty hub database.
  const hub = useHubStore(engine, { label: 'hub_cli', registryFile: DEFAULT_REGISTRY_FILE });
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'govgraph-hub-cli-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const agency = async (...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAgencyCli(argv, hub.env, out, err);
    return { code, out: out.text, err: err.text };
  };
  const audit = async (...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAuditCli(argv, hub.env, out, err);
    return { code, out: out.text, err: err.text };
  };

  it('lists the agencies of the registry file', async () => {
    const { code, out } = await agency('list');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^ID\s+NAME\s+DEPARTMENT\s+ROLES\s+JWT ISSUER\s+STATE\s+FROM\s+PURPOSES$/,
    );
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[0])).toEqual([
      'civil-affairs-bureau',
      'data-protection-auditor',
      'fire-service',
      'housing-construction-bureau',
      'market-regulator',
      'service-desk-app',
      'tax-bureau',
    ]);
    expect(out).toMatch(/data-protection-auditor\s+.*\s+-\s+auditor\s+-\s+active\s+file\s+AUDIT\n/);
    expect(out).toMatch(
      /market-regulator\s+.*\s+MARKET_REGULATION\s+.*\s+ADMINISTRATIVE_APPROVAL,BUSINESS_LICENSING,MARKET_SUPERVISION\n/,
    );
    expect(out).toMatch(
      /fire-service\s+.*\s+FIRE_SERVICE\s+-\s+-\s+active\s+file\s+ADMINISTRATIVE_APPROVAL\n/,
    );
  });

  it('registers an agency, issues a key shown once, and the key authenticates it', async () => {
    expect(await agency('add', 'land-bureau', '--name', 'Land resources bureau')).toEqual({
      code: 0,
      out: 'Registered agency land-bureau. Next: agency key issue land-bureau, then agency grant land-bureau <purpose> <coordinate...>\n',
      err: '',
    });
    const issued = await agency('key', 'issue', 'land-bureau');
    expect(issued.code).toBe(0);
    expect(issued.out).toMatch(/shown only this once and cannot be shown again/);
    const key = /\n {2}(gg_[A-Za-z0-9_-]{43})\n/.exec(issued.out)?.[1] ?? '';
    const keyId = /API key (key_[0-9a-f]{12}) for land-bureau/.exec(issued.out)?.[1] ?? '';
    expect(key).not.toBe('');
    const registry = await createAccessRegistry({ store: hub.store });
    try {
      expect(await registry.authenticate({ apiKey: key })).toMatchObject({
        agencyId: 'land-bureau',
        name: 'Land resources bureau',
      });
      const listed = await agency('key', 'list', 'land-bureau');
      expect(listed.out).toContain(keyId);
      expect(listed.out).toContain(`${key.slice(0, 11)}…`);
      expect(listed.out).not.toContain(key);
      expect(listed.out).toMatch(
        new RegExp(`${keyId}\\s+\\S+\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+never\\s+-\\n`),
      );
      expect((await agency('key', 'revoke', keyId)).code).toBe(0);
      expect((await agency('key', 'list', 'land-bureau')).out).toMatch(
        new RegExp(`${keyId}\\s+\\S+\\s+\\S+Z\\s+never\\s+\\d{4}-\\S+Z\\n`),
      );
      await registry.refresh();
      await expect(registry.authenticate({ apiKey: key })).rejects.toThrow(/was revoked/);
    } finally {
      await registry.close();
    }
  });

  it('refuses an agency id that exists or is malformed, and a key for an unknown agency', async () => {
    expect(await agency('add', 'tax-bureau', '--name', 'Again')).toMatchObject({
      code: 1,
      err: 'Agency "tax-bureau" already exists.\n',
    });
    expect((await agency('add', 'Tax_Bureau', '--name', 'x')).err).toMatch(/not an agency id/);
    expect(await agency('key', 'issue', 'nobody')).toMatchObject({
      code: 1,
      err: 'There is no agency "nobody"; `agency list` shows the registered ones.\n',
    });
  });

  it('adds a purpose, grants, lists and revokes coordinates', async () => {
    expect(
      (
        await agency(
          'purpose',
          'add',
          'LAND_SURVEY',
          '--description',
          'Cadastral survey of a parcel',
          '--legal-basis',
          'Land Administration Law art. 27',
        )
      ).out,
    ).toBe('Registered purpose LAND_SURVEY.\n');
    expect((await agency('purpose', 'list')).out).toMatch(
      /LAND_SURVEY\s+Cadastral survey of a parcel\s+Land Administration Law art. 27\n/,
    );
    expect(
      (await agency('grant', 'land-bureau', 'LAND_SURVEY', 'Building.*', 'RealEstateTitle.owners'))
        .out,
    ).toBe('Granted land-bureau under LAND_SURVEY: Building.*, RealEstateTitle.owners.\n');
    expect((await agency('grant', 'land-bureau', 'LAND_SURVEY', 'Building.*')).out).toBe(
      'Granted land-bureau under LAND_SURVEY: nothing new (1 already granted).\n',
    );
    expect((await agency('grants', 'land-bureau')).out).toBe(
      'PURPOSE      COORDINATE              FROM\nLAND_SURVEY  Building.*              cli\nLAND_SURVEY  RealEstateTitle.owners  cli\n',
    );
    expect((await agency('revoke', 'land-bureau', 'LAND_SURVEY', 'Building.*')).out).toBe(
      'Revoked from land-bureau under LAND_SURVEY: Building.*.\n',
    );
    expect((await agency('grants', 'land-bureau')).out).not.toContain('Building.*');
    expect(await agency('grant', 'land-bureau', 'FISHING', 'Person.name')).toMatchObject({
      code: 1,
      err: 'There is no purpose "FISHING"; register it first (`agency purpose add`).\n',
    });
  });

  it('warns that a grant from the registry file comes back unless the file changes', async () => {
    const { code, out } = await agency('revoke', 'tax-bureau', 'TAX_AUDIT', 'TaxFiling.*');
    expect(code).toBe(0);
    expect(out).toMatch(
      /Revoked from tax-bureau under TAX_AUDIT: TaxFiling\.\*\.\nNote: the registry file grants TaxFiling\.\*; the next sync/,
    );
    // `grants` only reads: the revoked grant stays revoked until the file is synced again.
    expect((await agency('grants', 'tax-bureau')).out).not.toMatch(/TaxFiling\.\*/);
    expect((await agency('sync')).code).toBe(0);
    expect((await agency('grants', 'tax-bureau')).out).toMatch(/TAX_AUDIT\s+TaxFiling\.\*\s+file/);
  });

  it('registers an agency’s JWT issuer from a public key file', async () => {
    const keys = await generateKeyPair('ES256', { extractable: true });
    const file = join(scratch, 'land.pem');
    writeFileSync(file, await exportSPKI(keys.publicKey));
    const { code, out } = await agency(
      'jwt',
      'land-bureau',
      '--issuer',
      'https://sso.land.example',
      '--public-key-file',
      file,
    );
    expect(code).toBe(0);
    expect(out).toBe(
      'land-bureau may now authenticate with bearer tokens from https://sso.land.example (sub = land-bureau).\n',
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://sso.land.example')
      .setSubject('land-bureau')
      .setAudience('govgraph')
      .setExpirationTime('5m')
      .sign(keys.privateKey);
    const registry = await createAccessRegistry({ store: hub.store });
    try {
      expect(await registry.authenticate({ bearerToken: token })).toMatchObject({
        agencyId: 'land-bureau',
        credential: 'jwt',
      });
    } finally {
      await registry.close();
    }
    expect((await agency('list')).out).toMatch(
      /land-bureau\s+Land resources bureau\s+-\s+-\s+https:\/\/sso\.land\.example\s+active\s+cli\s+LAND_SURVEY\n/,
    );
    expect(
      (
        await agency(
          'jwt',
          'land-bureau',
          '--issuer',
          'x',
          '--public-key-file',
          join(scratch, 'none.pem'),
        )
      ).err,
    ).toMatch(/Cannot read the public key file .*none\.pem/);
  });

  it('sets, shows and clears the department an agency acts for', async () => {
    const listed = async () =>
      (await agency('list')).out.match(/^ecology-bureau\s+Ecology bureau\s+(\S+)\s/m)?.[1];
    const add = ['add', 'ecology-bureau', '--name', 'Ecology bureau'];
    expect(await agency(...add, '--department', 'ECOLOGY_ENVIRONMENT')).toMatchObject({ code: 0 });
    expect(await listed()).toBe('ECOLOGY_ENVIRONMENT');
    expect(await agency('department', 'ecology-bureau', 'URBAN_MANAGEMENT')).toEqual({
      code: 0,
      out: 'ecology-bureau acts for URBAN_MANAGEMENT; its caller tokens say so from the next registry refresh.\n',
      err: '',
    });
    expect(await listed()).toBe('URBAN_MANAGEMENT');
    expect((await agency('department', 'ecology-bureau', 'none')).out).toBe(
      'ecology-bureau acts for no department.\n',
    );
    expect(await listed()).toBe('-');
    expect(await agency('department', 'ecology-bureau', 'ecology')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/"ecology" is not a department code/),
    });
    expect(
      await agency('add', 'dept-typo', '--name', 'x', '--department', 'Fire-Service'),
    ).toMatchObject({ code: 1, err: expect.stringMatching(/not a department code/) });
    expect(await agency('department', 'ecology-bureau')).toMatchObject({ code: 2 });
  });

  it('prints usage and exits 2 on bad arguments', async () => {
    for (const argv of [
      [],
      ['frob'],
      ['add', 'x'],
      ['add', 'x', '--name'],
      ['list', '--name', 'x'],
      ['grant', 'tax-bureau', 'TAX_AUDIT'],
      ['key', 'issue'],
      ['purpose', 'add', 'X', '--description', 'd'],
      ['jwt', 'tax-bureau', '--issuer', 'i'],
    ]) {
      const { code, out, err } = await agency(...argv);
      expect({ argv, code, out }).toEqual({ argv, code: 2, out: '' });
      expect(err).toContain('Usage: npm run agency -- <command>');
    }
    expect((await agency('add', 'x')).err).toMatch(/^add needs --name\n/);
    const audited = await audit('tail', '-n', '0');
    expect(audited.code).toBe(2);
    expect(audited.err).toMatch(
      /^-n takes a whole number from 1 to 10000, not 0\n\nUsage: npm run audit/,
    );
    expect((await audit('subject', '123')).err).toMatch(
      /"123" is neither a national ID .* nor a credit code/,
    );
    expect((await audit()).code).toBe(2);
  });

  it('verifies, tails and reads the audit log by subject', async () => {
    expect(await audit('verify')).toEqual({
      code: 0,
      out: 'Audit chain intact: 0 records verified.\n',
      err: '',
    });
    const log = createAuditLog({ store: hub.store, logger: createLogger('hub-test', 'silent') });
    await Promise.all(Array.from({ length: 12 }, (_, i) => log.append(auditEntry(i + 1))));
    await log.append(
      auditEntry(13, {
        outcome: 'denied',
        denied: [{ coordinate: 'PersonTaxYear.declaredIncome', reason: 'case number missing' }],
        subjects: [],
        caseId: null,
      }),
    );
    await log.close();
    expect(await audit('verify')).toEqual({
      code: 0,
      out: 'Audit chain intact: 13 records verified.\n',
      err: '',
    });

    const tail = await audit('tail', '-n', '2');
    expect(tail.code).toBe(0);
    expect(tail.out).toBe(
      [
        '#13  2026-03-14T09:13:00.013Z  agency tax-bureau  purpose TAX_AUDIT  case -  operator officer-1  denied',
        `    request req-13  operation TaxProfile ${auditEntry(13).operationHash.slice(0, 12)}`,
        '    fields Query.person, Person.name, Person.taxProfile, PersonTaxYear.declaredIncome',
        '    denied PersonTaxYear.declaredIncome (case number missing)',
        '    subjects -',
        '#12  2026-03-14T09:12:00.012Z  agency tax-bureau  purpose TAX_AUDIT  case TA-2026-0012  operator officer-0  ok',
        `    request req-12  operation TaxProfile ${auditEntry(12).operationHash.slice(0, 12)}`,
        '    fields Query.person, Person.name, Person.taxProfile, PersonTaxYear.declaredIncome',
        `    subjects ${[PEOPLE[0], COMPANY].sort().join(', ')}`,
        '',
      ].join('\n'),
    );
    const bySubject = await audit('subject', COMPANY);
    expect(bySubject.out.split('\n')[0]).toBe(
      `3 most recent accesses to ${COMPANY}, newest first:`,
    );
    expect([...bySubject.out.matchAll(/^#(\d+) /gm)].map((m) => m[1])).toEqual(['12', '8', '4']);
    // A lower-case check character is the same person.
    const person = await audit('subject', '11010519491231002x');
    expect(person.out.split('\n')[0]).toBe(
      '4 most recent accesses to 11010519491231002X, newest first:',
    );
    expect([...person.out.matchAll(/^#(\d+) /gm)].map((m) => m[1])).toEqual(['12', '9', '6', '3']);
    expect((await audit('subject', STRANGER)).out).toBe(`No recorded access to ${STRANGER}.\n`);

    await hub.store.db
      .updateTable('audit_records')
      .set({ agency_id: 'someone-else' })
      .where('seq', '=', 9)
      .execute();
    expect(await audit('verify')).toEqual({
      code: 1,
      out: '',
      err: 'Audit chain BROKEN at record 9: its content does not match its hash: a field was edited, or the record was moved.\n',
    });
  });

  it('names a bad setting or a bad registry file', async () => {
    const out = captureOutput();
    expect(await runAgencyCli(['list'], { ...hub.env, HUB_DATABASE_URL: 'mysql://x' }, out)).toBe(
      2,
    );
    expect(out.text).toMatch(/HUB_DATABASE_URL is "mysql:\/\/x": must be a postgres:\/\/ URL/);
    const file = join(scratch, 'bad-registry.json');
    writeFileSync(
      file,
      JSON.stringify({
        purposes: [],
        agencies: [{ id: 'x', name: '' }],
        grants: [],
        citizen: { coordinates: [] },
      }),
    );
    const bad = captureOutput();
    expect(await runAgencyCli(['sync'], { ...hub.env, HUB_REGISTRY_FILE: file }, bad)).toBe(1);
    expect(bad.text).toBe(
      `The registry file ${file} is not valid:\n  agencies[0].name: must not be empty\n`,
    );
  });
});
