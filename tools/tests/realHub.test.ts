import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld } from '@govgraph/datagen';
import { createTestDatabase, type TestDatabase } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDepartments } from '../src/composeDepartments.js';
import { issueDemoCredentials } from '../src/demoCredentials.js';
import { departments } from '../src/departments.js';
import { exampleQuery, findExampleNationalId } from '../src/exampleQuery.js';
import { hubConfig } from '../src/hubConfig.js';
import { type Hub, startHub } from '../src/startHub.js';

const PEOPLE = 2000;
let dir: string;
let populationDb: TestDatabase;
let hub: Hub;
let headers: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govgraph-real-hub-'));
  writeFileSync(
    join(dir, 'supergraph.graphql'),
    composeDepartments(departments).supergraphSdl ?? '',
  );
  populationDb = await createTestDatabase('postgres', 'tools_hub');
  // Population on PostgreSQL, the others on their embedded SQLite files: both engines at once.
  const config = hubConfig(departments, {
    GOVGRAPH_DATA_DIR: dir,
    SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
    POPULATION_DATABASE_URL: populationDb.options.url,
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    ...Object.fromEntries(departments.map((d) => [`${d.envPrefix}_PORT`, '0'])),
    GOVGRAPH_PEOPLE: String(PEOPLE),
    LOG_LEVEL: 'silent',
  });
  hub = await startHub({ departments, config, createWorld });
  // Read as `npm start` lends it: the service-desk app, purpose SERVICE_DESK.
  headers = (await issueDemoCredentials(hub.services.store)).headers;
});
afterAll(async () => {
  await hub?.stop();
  await populationDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const query = async (text: string) => {
  const response = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: text }),
  });
  return response.json();
};

describe('the hub with the real departments (population on PostgreSQL)', () => {
  const world = createWorld({ seed: 42, people: PEOPLE });

  it('seeds every department on first start, each on its own engine', () => {
    // The data tracker has nothing to seed: it reads the hub's own audit log.
    expect(hub.departments.map((d) => [d.name, d.engine, d.seededNow])).toEqual(
      departments.map((d) => [
        d.name,
        d.name === 'population' ? 'postgres' : 'sqlite',
        d.name !== 'tracker',
      ]),
    );
  });

  it('refuses personal data to an anonymous caller', async () => {
    const response = await fetch(hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ person(nationalId: "${world.person(1).nationalId}") { name } }`,
      }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors: { extensions: { code: string } }[];
    };
    expect(response.status).toBe(403);
    expect(body.data ?? null).toBeNull();
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it("answers a person's name through the gateway", async () => {
    const person = world.person(123);
    expect(await query(`{ person(nationalId: "${person.nationalId}") { name } }`)).toEqual({
      data: { person: { name: person.name } },
    });
  });

  it('finds an example person whose query crosses both registries', async () => {
    const example = await findExampleNationalId(hub.graphqlUrl, world, headers);
    expect(example).toEqual({ nationalId: expect.any(String) });
    const nationalId = 'nationalId' in example ? example.nationalId : undefined;
    const index = world.personIndexOf(nationalId ?? '') ?? -1;
    const result = (await query(exampleQuery(nationalId ?? ''))) as {
      data: {
        person: {
          name: string;
          representedEntities: { nodes: { legalRepresentative: { name: string } }[] };
        };
      };
    };
    expect(result.data.person.name).toBe(world.person(index).name);
    expect(result.data.person.representedEntities.nodes.length).toBe(
      world.companiesRepresentedBy(index).length,
    );
    expect(result.data.person.representedEntities.nodes[0]?.legalRepresentative.name).toBe(
      world.person(index).name,
    );
  });

  it('still finds a real example when the data comes from another world', async () => {
    const otherWorld = createWorld({ seed: 42, people: 50_000 });
    const example = await findExampleNationalId(hub.graphqlUrl, otherWorld, headers);
    const index = world.personIndexOf('nationalId' in example ? example.nationalId : '') ?? -1;
    expect(world.companiesRepresentedBy(index).length).toBeGreaterThan(0);
  });

  it('says why there is no example when the gateway refuses or cannot be reached', async () => {
    expect(await findExampleNationalId(hub.graphqlUrl, world, { 'x-api-key': 'gg_wrong' })).toEqual(
      {
        problem: 'the gateway answered HTTP 401',
      },
    );
    // A port fetch refuses outright ("bad port") is still tried, and nothing listens there.
    const closed = await findExampleNationalId('http://127.0.0.1:6000/graphql', world, headers);
    expect(closed).toEqual({
      problem: expect.stringMatching(/^the gateway could not be reached \(connect ECONNREFUSED/),
    });
  });
});
