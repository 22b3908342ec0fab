import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgencyCli } from '../src/cli/runAgencyCli.js';
import { runAuditCli } from '../src/cli/runAuditCli.js';
import type { HubStore } from '../src/index.js';
import { captureOutput, SMALL_REGISTRY, useHubStore } from './useHubStore.js';

/** File B: file A (SMALL_REGISTRY) without the auditor and without one of tax-bureau's grants. */
const OTHER_REGISTRY = {
  ...SMALL_REGISTRY,
  agencies: SMALL_REGISTRY.agencies.filter((a) => a.id !== 'auditor'),
  grants: [
    { agency: 'tax-bureau', purpose: 'TAX_AUDIT', coordinates: ['Query.person', 'Person.name'] },
  ],
};

/** Every row the registry keeps, to show a command changed nothing. */
async function registryRows(store: HubStore) {
  const [agencies, grants, purposes, origins, citizen] = await Promise.all([
    store.db.selectFrom('agencies').selectAll().orderBy('id').execute(),
    store.db
      .selectFrom('grants')
      .selectAll()
      .orderBy('agency_id')
      .orderBy('purpose')
      .orderBy('coordinate')
      .execute(),
    store.db.selectFrom('purposes').selectAll().orderBy('code').execute(),
    store.db.selectFrom('agency_origins').selectAll().orderBy('origin').execute(),
    store.db.selectFrom('citizen_coordinates').selectAll().orderBy('coordinate').execute(),
  ]);
  return { agencies, grants, purposes, origins, citizen };
}

describe.each(ENGINES)('a hub store managed from another registry file, on %s', (engine) => {
  // The store synced from file A (SMALL_REGISTRY), as the gateway that manages it would.
  const hub = useHubStore(engine, { label: 'hub_registry_safety' });
  let scratch: string;
  let otherFile: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'govgraph-registry-b-'));
    otherFile = join(scratch, 'other-registry.json');
    writeFileSync(otherFile, JSON.stringify(OTHER_REGISTRY));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The store's env with file B; `registryFile: undefined` leaves HUB_REGISTRY_FILE unset. */
  const envWith = (registryFile: string | undefined) => {
    const env = { ...hub.env };
    delete env.HUB_REGISTRY_FILE;
    return registryFile ? { ...env, HUB_REGISTRY_FILE: registryFile } : env;
  };
  const run = async (
    cli: typeof runAgencyCli,
    registryFile: string | undefined,
    ...argv: string[]
  ) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await cli(argv, envWith(registryFile), out, err);
    return { code, out: out.text, err: err.text };
  };

  it('read-only agency and audit commands never write, whatever the registry file', async () => {
    const before = await registryRows(hub.store);
    for (const file of [otherFile, undefined]) {
      for (const argv of [
        ['list'],
        ['grants', 'auditor'],
        ['purpose', 'list'],
        ['key', 'list', 'tax-bureau'],
        ['limits', 'show', 'tax-bureau'],
        ['origin', 'list', 'tax-bureau'],
      ]) {
        const result = await run(runAgencyCli, file, ...argv);
        expect(result.code, `${argv.join(' ')}: ${result.err}`).toBe(0);
      }
      for (const argv of [['verify'], ['tail'], ['subject', '11010519491231002X']]) {
        const result = await run(runAuditCli, file, ...argv);
        expect(result.code, `audit ${argv.join(' ')}: ${result.err}`).toBe(0);
      }
    }
    // The listing is the store as it is: the auditor still active, no agency of governance/registry.json.
    const listed = await run(runAgencyCli, undefined, 'list');
    expect(listed.out).toMatch(/\nauditor\s+.*\s+active\s+file\s+AUDIT\n/);
    expect(listed.out).not.toContain('fire-service');
    expect(await registryRows(hub.store)).toEqual(before);
  });

  it('refuses a change whose sync would disable agencies or revoke grants, listing them, and changes nothing', async () => {
    const before = await registryRows(hub.store);
    const added = await run(
      runAgencyCli,
      otherFile,
      ...['purpose', 'add', 'LAND_SURVEY', '--description', 'Survey', '--legal-basis', 'Land law'],
    );
    expect(added).toEqual({
      code: 1,
      out: '',
      err: [
        `Refused: syncing the registry file ${otherFile} into this hub store would take access away:`,
        '  disable 1 agencies (from a registry file, not in this one):',
        '    auditor',
        '  revoke 3 grants (agency, purpose, coordinate):',
        '    auditor  AUDIT  AccessRecord.*',
        '    auditor  AUDIT  Person.accessLog',
        '    tax-bureau  TAX_AUDIT  PersonTaxProfile.*',
        'Nothing was changed. If this store is managed from another file, set HUB_REGISTRY_FILE to it;',
        `if ${otherFile} is the store's file and these removals are intended, run the command again with --yes.`,
        '',
      ].join('\n'),
    });
    const synced = await run(runAgencyCli, otherFile, 'sync');
    expect(synced.code).toBe(1);
    expect(synced.err).toContain('    auditor\n');
    expect(await registryRows(hub.store)).toEqual(before);
  });

  it('refuses when HUB_REGISTRY_FILE is unset and the default file would replace the store’s', async () => {
    const before = await registryRows(hub.store);
    const result = await run(runAgencyCli, undefined, 'disable', 'tax-bureau');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /governance[/\\]registry\.json into this hub store would take access away/,
    );
    expect(result.err).toContain('    auditor\n');
    expect(await registryRows(hub.store)).toEqual(before);
  });

  it('applies the sync with --yes, and then has nothing left to ask about', async () => {
    const applied = await run(runAgencyCli, otherFile, 'sync', '--yes');
    expect(applied).toEqual({
      code: 0,
      out: `Synced the registry file ${otherFile} into the hub store.\n`,
      err: '',
    });
    const rows = await registryRows(hub.store);
    expect(rows.agencies.find((a) => a.id === 'auditor')?.disabled).toBe(1);
    expect(rows.grants.map((g) => `${g.agency_id} ${g.purpose} ${g.coordinate}`)).toEqual([
      'tax-bureau TAX_AUDIT Person.name',
      'tax-bureau TAX_AUDIT Query.person',
    ]);
    // In step with file B now: a change with it needs no --yes.
    const again = await run(
      runAgencyCli,
      otherFile,
      'grant',
      'tax-bureau',
      'TAX_AUDIT',
      'Person.birthDate',
    );
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
  });
});
