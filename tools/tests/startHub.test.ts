import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@govgraph/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDepartments } from '../src/composeDepartments.js';
import { departments as realDepartments } from '../src/departments.js';
import type { HubDepartment } from '../src/HubDepartment.js';
import { hubConfig } from '../src/hubConfig.js';
import { type Hub, startHub } from '../src/startHub.js';
import {
  registerSyntheticAgency,
  type SyntheticAgency,
  syntheticAgencyHeaders,
} from '../src/syntheticAgency.js';
import { licencesDepartment } from './fixtures/licencesDepartment.js';
import { registryDepartment } from './fixtures/registryDepartment.js';
import { createFixtureWorld, type FixtureWorld } from './fixtures/world.js';

const departments: readonly HubDepartment<FixtureWorld>[] = [
  registryDepartment,
  licencesDepartment,
];
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'govgraph-hub-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeDepartments(departments).supergraphSdl ?? '');
  env = {
    GOVGRAPH_DATA_DIR: join(dir, 'data'),
    SUPERGRAPH_PATH: supergraphPath,
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    REGISTRY_PORT: '0',
    LICENCES_PORT: '0',
    GOVGRAPH_PEOPLE: '20',
    LOG_LEVEL: 'silent',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The fixture graph's citizens are PERSONAL: the tests read as an agency granted all of it.
const AGENCY: SyntheticAgency = {
  id: 'start-hub-tests',
  name: 'startHub tests',
  purpose: 'START_HUB_TEST',
  description: 'Tests of startHub over fixture departments.',
};
let headers: Record<string, string> = {};

const query = async (hub: Hub, text: string) => {
  const response = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: text }),
  });
  return response.json();
};

describe('startHub', () => {
  const world = createFixtureWorld({ people: 20 });
  const worlds: { people: number; seed: number }[] = [];
  const start = async () => {
    const config = hubConfig(departments, env);
    const hub = await startHub({
      departments,
      config,
      createWorld: (params) => {
        worlds.push(params);
        return createFixtureWorld(params);
      },
    });
    const supergraph = readFileSync(config.gateway.supergraphPath, 'utf8');
    headers = syntheticAgencyHeaders(
      AGENCY,
      await registerSyntheticAgency(hub.services, supergraph, AGENCY),
    );
    return hub;
  };

  it('seeds empty databases, serves a query across departments through the gateway, and stops', async () => {
    const hub = await start();
    try {
      expect(worlds).toEqual([{ people: 20, seed: 42 }]);
      expect(hub.departments.map((d) => [d.name, d.engine, d.seededNow])).toEqual([
        ['registry', 'sqlite', true],
        ['licences', 'sqlite', true],
      ]);
      const { nationalId } = world.citizen(3);
      expect(
        await query(hub, `{ citizen(nationalId: "${nationalId}") { name licences { kind } } }`),
      ).toEqual({ data: { citizen: { name: 'Citizen 3', licences: [{ kind: 'DRIVING' }] } } });
      expect((await fetch(hub.graphiqlUrl)).status).toBe(200);
    } finally {
      await hub.stop();
    }
    await expect(fetch(hub.graphqlUrl)).rejects.toThrow();
    for (const department of hub.departments) await expect(fetch(department.url)).rejects.toThrow();
    await hub.stop();
  });

  it('does not seed again when the databases already hold data', async () => {
    const hub = await start();
    try {
      expect(worlds).toHaveLength(1);
      expect(hub.seedMs).toBe(0);
      expect(hub.departments.every((d) => !d.seededNow)).toBe(true);
      expect(
        await query(hub, `{ citizen(nationalId: "${world.citizen(19).nationalId}") { name } }`),
      ).toEqual({ data: { citizen: { name: 'Citizen 19' } } });
    } finally {
      await hub.stop();
    }
  });

  it('names the variable to change when a port is taken, and leaves nothing running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startHub({
          departments,
          config: hubConfig(departments, { ...env, LICENCES_PORT: String(port) }),
          createWorld: createFixtureWorld,
        }),
      ).rejects.toThrow(
        `port ${port} is already in use: stop what holds it, or set LICENCES_PORT to another port.`,
      );
    } finally {
      blocker.close();
    }
    // The registry that had started was stopped again: a fresh hub can start.
    const hub = await start();
    await hub.stop();
  });
});

describe('hub configuration', () => {
  it('gives the data tracker the hub store, wherever that lives', () => {
    for (const env of [
      { GOVGRAPH_DATA_DIR: '/srv/data' },
      { HUB_DATABASE_URL: 'postgres://db/hub', TRACKER_DATABASE_URL: 'postgres://db/other' },
    ]) {
      const config = hubConfig(realDepartments, env);
      expect(config.departments.tracker?.database).toEqual(config.hub.database);
    }
    expect(hubConfig(realDepartments, { GOVGRAPH_DATA_DIR: '/srv/data' }).hub.database).toEqual({
      url: undefined,
      sqliteFile: '/srv/data/hub.sqlite',
    });
  });

  it('reports every bad variable at once, each by name', () => {
    const env = { REGISTRY_PORT: 'abc', GOVGRAPH_PEOPLE: '0', GATEWAY_PORT: '70000' };
    expect(() => hubConfig(departments, env)).toThrow(
      new ConfigError(
        [
          'Configuration is not valid:',
          '  GATEWAY_PORT is "70000": must be 0-65535',
          '  REGISTRY_PORT is "abc": must be a port number',
          '  GOVGRAPH_PEOPLE is "0": must be at least 1',
        ].join('\n'),
      ),
    );
  });

  it('puts a department on PostgreSQL when its URL is set, else on its SQLite file', () => {
    const config = hubConfig(departments, {
      GOVGRAPH_DATA_DIR: '/srv/data',
      LICENCES_DATABASE_URL: 'postgres://db/licences',
    });
    expect(config.departments).toEqual({
      registry: {
        port: 4101,
        database: { url: undefined, sqliteFile: '/srv/data/registry.sqlite' },
      },
      licences: {
        port: 4102,
        database: { url: 'postgres://db/licences', sqliteFile: '/srv/data/licences.sqlite' },
      },
    });
    expect(config.world).toEqual({ people: 10_000, seed: 42 });
    expect(config.gateway.port).toBe(4000);
  });
});
