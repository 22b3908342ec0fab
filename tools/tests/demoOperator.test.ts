import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOperatorSessions,
  DEFAULT_REGISTRY_FILE,
  type HubStore,
  listOperators,
  openHubStore,
  syncRegistryFile,
} from '@govgraph/governance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_AGENCY,
  DEMO_OPERATOR,
  endDemoOperator,
  issueDemoOperator,
} from '../src/demoCredentials.js';

// `npm start` lends the service desk a demo operator: a fresh one-time password on each start,
// disabled again on stop, so a password printed by an earlier run is of no use.

describe('the demo operator of npm start', () => {
  let dir: string;
  let store: HubStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'govgraph-demo-operator-'));
    store = await openHubStore({ sqliteFile: join(dir, 'hub.sqlite') });
    await syncRegistryFile(store, DEFAULT_REGISTRY_FILE);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (password: string) =>
    createOperatorSessions(store).signIn({
      agencyId: DEMO_AGENCY,
      operatorId: DEMO_OPERATOR,
      password,
    });

  it('registers the operator on the first start, renews the password on the next, disables on stop', async () => {
    const first = await issueDemoOperator(store);
    await expect(signIn(first.password)).resolves.toMatchObject({ operatorName: 'Demo clerk' });
    await endDemoOperator(store);
    await expect(signIn(first.password)).rejects.toThrow(/disabled/);
    const second = await issueDemoOperator(store);
    expect(second.password).not.toBe(first.password);
    await expect(signIn(first.password)).rejects.toThrow(/wrong/);
    await expect(signIn(second.password)).resolves.toMatchObject({ operatorName: 'Demo clerk' });
    expect(await listOperators(store, DEMO_AGENCY)).toHaveLength(1);
  });
});
