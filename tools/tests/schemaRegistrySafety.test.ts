import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_REGISTRY_FILE,
  hubStoreConfig,
  listAgencies,
  listGrants,
  openHubStore,
  runAgencyCli,
} from '@govgraph/governance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchemaCli } from '../src/schemaCommand.js';

describe('npm run schema against a store managed from another registry file', () => {
  let dir: string;
  let otherFile: string;
  const storeEnv = () => ({ HUB_DATABASE_URL: undefined, GOVGRAPH_DATA_DIR: join(dir, 'data') });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'govgraph-schema-safety-'));
    // File B: the checked-in registry plus one agency of its own, synced into the store.
    const registry = JSON.parse(readFileSync(DEFAULT_REGISTRY_FILE, 'utf8')) as {
      agencies: unknown[];
      grants: unknown[];
    };
    registry.agencies.push({ id: 'survey-office', name: 'Survey office' });
    registry.grants.push({
      agency: 'survey-office',
      purpose: 'SERVICE_DESK',
      coordinates: ['Query.person', 'Person.name'],
    });
    otherFile = join(dir, 'registry-b.json');
    writeFileSync(otherFile, JSON.stringify(registry));
    const synced = await runAgencyCli(
      ['sync'],
      { ...storeEnv(), HUB_REGISTRY_FILE: otherFile },
      { write: () => true },
    );
    expect(synced).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function storeState() {
    const store = await openHubStore(hubStoreConfig({ GOVGRAPH_DATA_DIR: join(dir, 'data') }));
    try {
      return { agencies: await listAgencies(store), grants: await listGrants(store) };
    } finally {
      await store.close();
    }
  }

  it('refuses (exit 1) to sync governance/registry.json over it, naming what it would take away', async () => {
    const before = await storeState();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSchemaCli(
      ['--agency', 'survey-office', '--purpose', 'SERVICE_DESK'],
      storeEnv(),
      {
        out: { write: (s: string) => out.push(s) },
        err: { write: (s: string) => err.push(s) },
        cwd: dir,
      },
    );
    expect(code).toBe(1);
    expect(out.join('')).toBe('');
    expect(err.join('')).toContain('would take access away');
    expect(err.join('')).toContain('    survey-office\n');
    expect(err.join('')).toContain('    survey-office  SERVICE_DESK  Query.person\n');
    expect(err.join('')).toContain('load it with `npm run agency -- sync --yes` first');
    expect(await storeState()).toEqual(before);
    expect(before.agencies.find((a) => a.id === 'survey-office')?.disabled).toBe(false);
  });

  it('prints the schema with the store’s own file', async () => {
    const out: string[] = [];
    const code = await runSchemaCli(
      ['--agency', 'survey-office', '--purpose', 'SERVICE_DESK'],
      { ...storeEnv(), HUB_REGISTRY_FILE: otherFile },
      { out: { write: (s: string) => out.push(s) }, err: { write: () => true }, cwd: dir },
    );
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/type Person \{[^}]*\bname\b/);
  });
});
