import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './freePort.js';

const run = promisify(execFile);

/** A Redis Cluster of three masters of a test's own, on free ports in a temporary directory. */
export interface TestRedisCluster {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`, as REDIS_URL takes it. */
  readonly url: string;
  readonly ports: readonly number[];
  /** A plain client of one node (for CLUSTER commands). The caller disconnects it. */
  node(index: number): Redis;
  /** Stops every node and removes the directory. */
  stop(): Promise<void>;
}

/**
 * Starts three `redis-server --cluster-enabled yes` processes, joins them with
 * `redis-cli --cluster create`, and resolves once `cluster_state:ok`. It never touches the
 * shared Redis on 6379. Fails saying what is missing when redis-server or redis-cli is not
 * installed.
 */
export async function startRedisCluster(): Promise<TestRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'govgraph-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const servers: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.map(stopProcess));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) servers.push(startNode(dir, port));
    for (const port of ports) await answers(port);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]).catch((error: unknown) => {
      throw new Error('redis-cli --cluster create failed (is redis-cli installed?)', {
        cause: error,
      });
    });
    for (const port of ports) await clusterOk(port);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
    ports,
    node: (index) => new Redis(ports[index] ?? 0, '127.0.0.1', { maxRetriesPerRequest: 0 }),
    stop,
  };
}

function startNode(dir: string, port: number): ChildProcess {
  const server = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  server.once('error', () => {});
  return server;
}

async function answers(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    redis.on('error', () => {});
    try {
      await redis.connect();
      await redis.ping();
      return;
    } catch {
      await delay(50);
    } finally {
      redis.disconnect();
    }
  }
  throw new Error(`redis-server did not start on port ${port} (is redis-server installed?)`);
}

async function clusterOk(port: number): Promise<void> {
  const redis = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0 });
  try {
    for (let i = 0; i < 200; i++) {
      const info = String(await redis.call('CLUSTER', 'INFO'));
      if (info.includes('cluster_state:ok')) return;
      await delay(50);
    }
  } finally {
    redis.disconnect();
  }
  throw new Error(`the Redis Cluster node on port ${port} never reached cluster_state:ok`);
}

async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}
