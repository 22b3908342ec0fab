import { setTimeout as delay } from 'node:timers/promises';
import type { Listening } from '@govgraph/server';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayServer } from '../src/index.js';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import {
  composeSupergraph,
  firstError,
  memoryLogger,
  postGraphQL,
  type RunningFixture,
  startFixture,
  type TempFile,
  tempSupergraph,
  testCallerToken,
} from './support/index.js';

// The business registry declares how many companies a person represents, after the fact.
const sizedCompanies = parse(
  print(companies.typeDefs).replace(
    'companies: [Company!]',
    'companies: [Company!] @listSize(assumedSize: 2)',
  ),
);

describe('demand control reads the supergraph it serves', () => {
  let registry: RunningFixture;
  let business: RunningFixture;
  let file: TempFile;
  let gateway: Listening;
  const graphql = () => `${gateway.url}/graphql`;
  const JOIN = `{ person(nationalId: "${people.WANG}") { name companies { name } } }`;

  beforeAll(async () => {
    registry = await startFixture(people);
    business = await startFixture(companies);
    file = await tempSupergraph(composeSupergraph([registry, business]));
    gateway = await createGatewayServer({
      access: { unchecked: true, signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: memoryLogger().logger,
      reloadDebounceMs: 50,
      limits: { maxCost: 50 },
    }).listen(0);
  });

  afterAll(async () => {
    await gateway?.close();
    await registry?.close();
    await business?.close();
    await file?.remove();
  });

  it('refuses a list without @listSize at 100 items, calling no department', async () => {
    const calls = registry.requests.length + business.requests.length;
    const sent = await postGraphQL(graphql(), JOIN);
    expect(sent.status).toBe(400);
    expect(sent.body.data).toBeUndefined();
    expect(firstError(sent.body).extensions).toEqual({
      code: 'COST_LIMIT_EXCEEDED',
      cost: { estimated: 1 + 100, limit: 50 },
      requestId: expect.any(String),
    });
    expect(registry.requests.length + business.requests.length).toBe(calls);
  });

  it('answers it once a reloaded supergraph declares the list’s size', async () => {
    await file.write(composeSupergraph([registry, { ...business, typeDefs: sizedCompanies }]));
    let sent = await postGraphQL(graphql(), JOIN);
    for (let i = 0; i < 100 && sent.status !== 200; i++) {
      await delay(50);
      sent = await postGraphQL(graphql(), JOIN);
    }
    expect(sent.status).toBe(200);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data).toEqual({
      person: { name: expect.any(String), companies: [{ name: 'Minjiang Tea Co.' }] },
    });
    // Aliased copies of the list, 2 companies of cost 1 each: three cost 1 + 3 × 2 = 7;
    // twenty-five 1 + 25 × 2 = 51, over 50.
    const copies = (n: number) =>
      `{ person(nationalId: "${people.WANG}") { ${Array.from({ length: n }, (_, i) => `c${i}: companies { name }`).join(' ')} } }`;
    expect((await postGraphQL(graphql(), copies(3))).body.errors).toBeUndefined();
    const refused = await postGraphQL(graphql(), copies(25));
    expect(firstError(refused.body).extensions?.cost).toEqual({
      estimated: 1 + 25 * 2,
      limit: 50,
    });
  });
});
