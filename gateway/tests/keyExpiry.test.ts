import {
  addAgency,
  createAccessRegistry,
  type HubAccessRegistry,
  type HubStore,
  issueApiKey,
  openHubStore,
} from '@govgraph/governance';
import { createTestDatabase, type TestDatabase } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { residents } from './support/departments/accessDepartments.js';
import { createHubTester, type HubTester } from './support/index.js';

const DAY = 86_400_000;

// The gateway with the hub's own access registry over a real hub store: an expired API key is
// refused at the HTTP edge however the request is sent, before any department is asked.
describe('API keys with an expiry at the gateway', () => {
  let database: TestDatabase;
  let store: HubStore;
  let registry: HubAccessRegistry;
  let hub: HubTester;
  let validKey: string;
  let expiredKey: string;
  let expiresAt: Date;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite', 'gateway_key_expiry');
    store = await openHubStore(database.options);
    await addAgency(store, { id: 'land-bureau', name: 'Land bureau' });
    validKey = (await issueApiKey(store, 'land-bureau', { expiresAt: new Date(Date.now() + DAY) }))
      .key;
    expiresAt = new Date(Date.now() - DAY);
    expiredKey = (
      await issueApiKey(store, 'land-bureau', {
        now: new Date(Date.now() - 91 * DAY),
        expiresAt,
      })
    ).key;
    registry = await createAccessRegistry({ store });
    hub = await createHubTester({ departments: [residents], registry });
  });

  afterAll(async () => {
    await hub?.close();
    await registry?.close();
    await store?.close();
    await database?.drop();
  });

  const expiredMessage = () =>
    `The API key ${expiredKey.slice(0, 11)}… expired on ${expiresAt.toISOString()}; ask the platform operator for a new one (they issue it with \`npm run agency -- key issue land-bureau --expires 90d\`).`;

  it('answers with a key before its expiry', async () => {
    const { status, body } = await hub.post('{ whoAsks }', {
      headers: {
        'x-api-key': validKey,
      },
    });
    expect(status).toBe(200);
    expect(JSON.parse(String(body.data?.whoAsks))).toMatchObject({
      caller: 'agency',
      agency: 'land-bureau',
    });
  });

  it('refuses an expired key with 401 by POST, GET and a batched body, asking no department', async () => {
    const before = hub.department(residents.name).requests.length;
    const posted = await hub.post('{ notices { title } }', {
      headers: {
        'x-api-key': expiredKey,
      },
    });
    expect(posted.status).toBe(401);
    expect(posted.body.errors).toEqual([
      {
        message: expiredMessage(),
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      },
    ]);

    const url = new URL(hub.graphqlUrl);
    url.searchParams.set('query', '{ notices { title } }');
    const got = await fetch(url, {
      headers: { 'apollo-require-preflight': 'true', 'x-api-key': expiredKey },
    });
    expect(got.status).toBe(401);
    expect(((await got.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      expiredMessage(),
    );

    const batched = await fetch(hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': expiredKey },
      body: JSON.stringify([{ query: '{ notices { title } }' }, { query: '{ whoAsks }' }]),
    });
    expect(batched.status).toBe(401);
    expect(await batched.text()).toContain('expired on');
    expect(hub.department(residents.name).requests.length).toBe(before);
  });
});
