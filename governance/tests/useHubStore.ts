import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Engine } from '@govgraph/department/db';
import { createTestDatabase, type TestDatabase } from '@govgraph/testing';
import { afterAll, beforeAll } from 'vitest';
import { type HubStore, openHubStore, syncRegistryFile } from '../src/index.js';

/** A small registry: two purposes, an agency with grants, an auditor, the citizen's fields. */
export const SMALL_REGISTRY = {
  purposes: [
    {
      code: 'TAX_AUDIT',
      description: 'A tax inspection',
      legalBasis: 'Tax Collection Law art. 54',
    },
    { code: 'AUDIT', description: 'Supervision of processing', legalBasis: 'PIPL art. 60' },
  ],
  agencies: [
    { id: 'tax-bureau', name: 'Tax bureau' },
    { id: 'auditor', name: 'Data protection auditor', roles: ['auditor'] },
  ],
  grants: [
    {
      agency: 'tax-bureau',
      purpose: 'TAX_AUDIT',
      coordinates: ['Query.person', 'Person.name', 'PersonTaxProfile.*'],
    },
    { agency: 'auditor', purpose: 'AUDIT', coordinates: ['Person.accessLog', 'AccessRecord.*'] },
  ],
  citizen: {
    coordinates: ['Query.person', 'Person.nationalId', 'Person.accessLog', 'AccessRecord.*'],
  },
};

export interface HubFixture {
  readonly store: HubStore;
  /** The environment the `agency`/`audit` commands need to reach this same store and registry file. */
  readonly env: Record<string, string | undefined>;
  /** The registry file (SMALL_REGISTRY unless `registryFile` was given). */
  readonly registryFile: string;
  readonly database: TestDatabase;
}

/**
 * A fresh hub store on the engine for one describe block, with the registry file synced,
 * dropped afterwards. On SQLite the file is `hub.sqlite` in a temporary data directory, the
 * name the commands derive from GOVGRAPH_DATA_DIR.
 */
export function useHubStore(
  engine: Engine,
  options: { label?: string; registryFile?: string } = {},
): HubFixture {
  let state:
    | { store: HubStore; env: Record<string, string>; registryFile: string; database: TestDatabase }
    | undefined;
  let scratch: string | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase(engine, options.label ?? 'hub');
    const dir = engine === 'sqlite' ? dirname(database.options.sqliteFile) : undefined;
    const storeOptions = dir ? { sqliteFile: join(dir, 'hub.sqlite') } : database.options;
    let registryFile = options.registryFile;
    if (!registryFile) {
      scratch = mkdtempSync(join(tmpdir(), 'govgraph-hub-registry-'));
      registryFile = join(scratch, 'registry.json');
      writeFileSync(registryFile, JSON.stringify(SMALL_REGISTRY));
    }
    const store = await openHubStore(storeOptions);
    await syncRegistryFile(store, registryFile);
    const env: Record<string, string> = { HUB_REGISTRY_FILE: registryFile };
    if (dir) env.GOVGRAPH_DATA_DIR = dir;
    else if (storeOptions.url) env.HUB_DATABASE_URL = storeOptions.url;
    state = { store, env, registryFile, database };
  });
  afterAll(async () => {
    await state?.store.close();
    await state?.database.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  const get = () => {
    if (!state) throw new Error('the hub store is opened in beforeAll');
    return state;
  };
  return {
    get store() {
      return get().store;
    },
    get env() {
      return get().env;
    },
    get registryFile() {
      return get().registryFile;
    },
    get database() {
      return get().database;
    },
  };
}

/** Collects what a command writes. */
export function captureOutput(): { write(text: string): void; readonly text: string } {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
    },
    get text() {
      return text;
    },
  };
}
