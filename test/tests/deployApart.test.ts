import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { departments, registerSyntheticAgency } from '@govgraph/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// The production gateway (what `npm start -w @govgraph/gateway` runs), as its own process.
const GATEWAY_MAIN = fileURLToPath(new URL('../../gateway/src/main.ts', import.meta.url));
const SUPERGRAPH = fileURLToPath(new URL('../../gateway/supergraph.graphql', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startGateway(env: Record<string, string>): Started {
  const inherited = { ...process.env };
  // Only what the test sets: no department URL, registry file or Redis of the shell.
  for (const key of Object.keys(inherited)) {
    if (key.endsWith('_URL') || key.startsWith('HUB_') || key.startsWith('GATEWAY_')) {
      delete inherited[key];
    }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', GATEWAY_MAIN], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

async function untilListening(port: number, started: Started): Promise<void> {
  for (let i = 0; i < 300 && started.child.exitCode === null; i++) {
    // /ready, not /health: the gateway is live before its supergraph is loaded.
    const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
    if (res?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the gateway process never became ready; its output:\n${started.output()}`);
}

describe('the production gateway with <DEPARTMENT>_URL', () => {
  let t: TestHub;
  let gateway: Started | undefined;
  let port = 0;
  let apiKey = '';
  const AGENCY = {
    id: 'deploy-tests',
    name: 'deployment tests',
    purpose: 'DEPLOY_TEST',
    description: 'Tests of the gateway deployed apart from the departments.',
  };

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    apiKey = await registerSyntheticAgency(
      t.hub.services,
      readFileSync(SUPERGRAPH, 'utf8'),
      AGENCY,
    );
    // Every department on a port of its own, none the default the supergraph file names.
    const env: Record<string, string> = {};
    for (const running of t.hub.departments) {
      const department = departments.find((d) => d.name === running.name);
      expect(running.url).not.toContain(`:${department?.defaultPort}/`);
      env[`${department?.envPrefix}_URL`] = running.url;
    }
    port = await freePort();
    gateway = startGateway({
      ...env,
      // A typo'd department: the gateway starts and warns.
      POPULATON_URL: 'http://127.0.0.1:9/graphql',
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_WORKERS: '1',
      SUPERGRAPH_PATH: SUPERGRAPH,
      GOVGRAPH_DATA_DIR: dirname(t.hubDatabase.sqliteFile),
      CALLER_TOKEN_PRIVATE_KEY: JSON.stringify(t.hub.callerTokenKeys.privateJwk),
      CACHE_ENABLED: 'false',
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'info',
    });
    await untilListening(port, gateway);
  }, 180_000);

  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null) {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
    await t?.stop();
  });

  it('answers a query joining population and market departments found through the variables', async () => {
    const person = t.world.person(t.world.company(3).representativeIndex);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': apiKey,
        'x-purpose': AGENCY.purpose,
        'x-case-id': 'DEPLOY-1',
        'x-operator-id': 'tester-01',
      },
      body: JSON.stringify({
        query: `query($id: NationalId!) { person(nationalId: $id) {
          name representedEntities { totalCount }
        } }`,
        variables: { id: person.nationalId },
      }),
    });
    const body = (await res.json()) as {
      data?: { person: { name: string; representedEntities: { totalCount: number } } };
      errors?: unknown[];
    };
    expect(body.errors, gateway?.output()).toBeUndefined();
    expect(body.data?.person.name).toBe(person.name);
    expect(body.data?.person.representedEntities.totalCount).toBeGreaterThan(0);
  });

  it('warns about a *_URL variable that names no department', () => {
    expect(gateway?.output()).toContain(
      'POPULATON_URL is set but the supergraph has no such department',
    );
  });

  it('refuses to start when a department URL is not an http(s) URL, naming the variable', async () => {
    const bad = startGateway({
      MARKET_URL: 'market:4002',
      GATEWAY_PORT: String(await freePort()),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_WORKERS: '1',
      SUPERGRAPH_PATH: SUPERGRAPH,
      GOVGRAPH_DATA_DIR: dirname(t.hubDatabase.sqliteFile),
      CALLER_TOKEN_PRIVATE_KEY: JSON.stringify(t.hub.callerTokenKeys.privateJwk),
      CACHE_ENABLED: 'false',
      RATE_LIMIT_ENABLED: 'false',
    });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('MARKET_URL is "market:4002"');
    expect(bad.output()).toContain("must be the http(s) URL of the department's GraphQL endpoint");
  }, 60_000);
});
