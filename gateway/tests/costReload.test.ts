import { setTimeout as delay } from 'node:timers/promises';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import {
  composeSupergraph,
  createHubTester,
  firstError,
  type HubTester,
  memoryLogger,
  WANG,
} from './support/index.js';

// The business registry declares how many companies a person represents, after the fact.
const sizedCompanies = parse(
  print(companies.typeDefs).replace(
    'companies: [Company!]',
    'companies: [Company!] @listSize(assumedSize: 2)',
  ),
);

describe('demand control reads the supergraph it serves', () => {
  let hub: HubTester;
  const registry = () => hub.department(people.name);
  const business = () => hub.department(companies.name);
  const calls = () => registry().requests.length + business().requests.length;
  const JOIN = `{ person(nationalId: "${WANG}") { name companies { name } } }`;

  beforeAll(async () => {
    hub = await createHubTester({
      departments: [people, companies],
      gateway: { logger: memoryLogger().logger, reloadDebounceMs: 50, limits: { maxCost: 50 } },
    });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('refuses a list without @listSize at 100 items, calling no department', async () => {
    const before = calls();
    const sent = await hub.post(JOIN);
    expect(sent.status).toBe(400);
    expect(sent.body.data).toBeUndefined();
    expect(firstError(sent.body).extensions).toEqual({
      code: 'COST_LIMIT_EXCEEDED',
      cost: { estimated: 1 + 100, limit: 50 },
      requestId: expect.any(String),
    });
    expect(calls()).toBe(before);
  });

  it('answers it once a reloaded supergraph declares the list’s size', async () => {
    await hub.supergraph.write(
      composeSupergraph([registry(), { ...business(), typeDefs: sizedCompanies }]),
    );
    let sent = await hub.post(JOIN);
    for (let i = 0; i < 100 && sent.status !== 200; i++) {
      await delay(50);
      sent = await hub.post(JOIN);
    }
    expect(sent.status).toBe(200);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data).toEqual({
      person: { name: expect.any(String), companies: [{ name: 'Minjiang Tea Co.' }] },
    });
    // Aliased copies of the list, 2 companies of cost 1 each: three cost 1 + 3 × 2 = 7;
    // twenty-five 1 + 25 × 2 = 51, over 50.
    const copies = (n: number) =>
      `{ person(nationalId: "${WANG}") { ${Array.from({ length: n }, (_, i) => `c${i}: companies { name }`).join(' ')} } }`;
    expect((await hub.post(copies(3))).body.errors).toBeUndefined();
    const refused = await hub.post(copies(25));
    expect(firstError(refused.body).extensions?.cost).toEqual({
      estimated: 1 + 25 * 2,
      limit: 50,
    });
  });
});
