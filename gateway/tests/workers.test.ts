import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addAgency,
  addPurpose,
  grantCoordinates,
  hubStoreConfig,
  issueApiKey,
  openHubStore,
} from '@govgraph/governance';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WORKER_HEADER } from '../src/cluster/useWorkerHeader.js';
import * as people from './support/departments/people.js';
import {
  composeSupergraph,
  freePort,
  startFixture,
  tempSupergraph,
  testCallerToken,
} from './support/index.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A GOVGRAPH_DATA_DIR of the test's own, removed after it. */
function tempDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-workers-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

// The fixture's names are not PUBLIC: the workers are asked as a registered agency, found in
// the hub store every worker opens (GOVGRAPH_DATA_DIR/hub.sqlite).
let agencyHeaders: Record<string, string> = {};

async function registerAgency(dataDir: string): Promise<Record<string, string>> {
  const store = await openHubStore(hubStoreConfig({ GOVGRAPH_DATA_DIR: dataDir }));
  try {
    await addPurpose(store, {
      code: 'WORKER_TEST',
      description: 'Tests of the clustered gateway.',
      legalBasis: 'None: fixture data only.',
    });
    await addAgency(store, { id: 'worker-tests', name: 'worker tests' });
    await grantCoordinates(store, 'worker-tests', 'WORKER_TEST', ['Query.*']);
    const { key } = await issueApiKey(store, 'worker-tests');
    return { 'x-api-key': key, 'x-purpose': 'WORKER_TEST' };
  } finally {
    await store.close();
  }
}

/** One POST on a connection of its own, so node:cluster may hand it to any worker. */
function askOnNewConnection(port: number, query: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', connection: 'close', ...agencyHeaders },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          const worker = res.headers[WORKER_HEADER];
          resolve({
            status: res.statusCode ?? 0,
            worker: typeof worker === 'string' ? worker : undefined,
            body,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

/** The gateway's production entry point (main.ts) as its own process tree, killed after the test. */
function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Asks until `want` different workers have answered (or `tries` runs out: a loaded machine
 * may take a while to start the second worker). A worker still
 * loading its supergraph answers 503 GATEWAY_NOT_READY, as a lone gateway does; every other
 * answer must be the right data.
 */
async function workersAnswering(port: number, want: number, tries = 600): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < tries && seen.size < want; i++) {
    const answer = await askOnNewConnection(port, '{ names(size: 2) }');
    if (answer.status === 503) {
      expect(answer.body).toContain('GATEWAY_NOT_READY');
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { names: expect.any(Array) } });
    if (answer.worker) seen.add(answer.worker);
  }
  return seen;
}

async function untilServing(port: number, output: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const answer = await askOnNewConnection(port, '{ __typename }').catch(() => undefined);
    if (answer?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the clustered gateway never answered; its output:\n${output()}`);
}

describe('GATEWAY_WORKERS', () => {
  async function startClustered(workers: number) {
    const registry = await startFixture(people);
    const file = await tempSupergraph(composeSupergraph([registry]));
    cleanups.push(registry.close, file.remove);
    const dataDir = tempDataDir();
    agencyHeaders = await registerAgency(dataDir);
    const port = await freePort();
    const started = startMain({
      GOVGRAPH_DATA_DIR: dataDir,
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_WORKERS: String(workers),
      SUPERGRAPH_PATH: file.path,
      CALLER_TOKEN_PRIVATE_KEY: JSON.stringify(testCallerToken.privateJwk),
      CACHE_ENABLED: 'false',
      // Polls one agency as fast as answers come; each worker alone holds it to the rate limit.
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    });
    await untilServing(port, started.output);
    return { port, dataDir, ...started };
  }

  it('serves from two worker processes on one port, both answering queries, and stops on SIGTERM', async () => {
    const { port, child, output } = await startClustered(2);
    const workers = await workersAnswering(port, 2);
    expect(workers.size, output()).toBe(2);
    expect([...workers]).not.toContain(String(child.pid));

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  }, 90_000);

  it('replaces a worker that dies after it served, and the new one answers', async () => {
    const { port, child } = await startClustered(2);
    const before = await workersAnswering(port, 2);
    const [victim] = [...before];
    if (!victim) throw new Error('no worker answered');
    process.kill(Number(victim), 'SIGKILL');

    // The survivor and a newly forked worker: two pids, the dead one not among them.
    let after = new Set<string>();
    for (let i = 0; i < 50 && (after.size < 2 || after.has(victim)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await workersAnswering(port, 2, 20);
    }
    expect(after.size).toBe(2);
    expect(after.has(victim)).toBe(false);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  }, 90_000);

  // Found by `npm run chaos`: a worker killed while the hub store was down had a replacement
  // that could not open the store, and the supervisor then stopped the whole gateway.
  it('keeps serving and tries again when a replacement worker cannot open the hub store', async () => {
    const { port, child, output, dataDir } = await startClustered(2);
    const before = await workersAnswering(port, 2);
    const [victim] = [...before];
    if (!victim) throw new Error('no worker answered');
    // The hub store cannot be opened by a new process: a directory stands where its file was
    // (the running workers keep the file they opened).
    const store = join(dataDir, 'hub.sqlite');
    renameSync(store, `${store}.away`);
    mkdirSync(store);
    process.kill(Number(victim), 'SIGKILL');
    await vi.waitFor(
      () => expect(output()).toContain('replacement gateway worker could not start'),
      {
        timeout: 30_000,
        interval: 200,
      },
    );
    expect(child.exitCode).toBeNull();
    const survivor = await askOnNewConnection(port, '{ names(size: 2) }');
    expect(survivor.status).toBe(200);

    rmSync(store, { recursive: true });
    renameSync(`${store}.away`, store);
    let after = new Set<string>();
    for (let i = 0; i < 100 && (after.size < 2 || after.has(victim)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      after = await workersAnswering(port, 2, 20);
    }
    expect(after.size).toBe(2);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  }, 120_000);

  it('stops with an error instead of restarting workers that cannot load their supergraph', async () => {
    const port = await freePort();
    const { child, output } = startMain({
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_WORKERS: '2',
      SUPERGRAPH_PATH: '/nonexistent/govgraph/supergraph.graphql',
      CALLER_TOKEN_PRIVATE_KEY: JSON.stringify(testCallerToken.privateJwk),
      GOVGRAPH_DATA_DIR: tempDataDir(),
      CACHE_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    });
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain('a gateway worker exited before it could serve');
  }, 90_000);
});
