import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** The Redis every test reaches (started before each session and by `.ci/run`). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A connected Redis client, or an error naming the address: a test that needs Redis fails
 * saying so, never passes silently. The caller disconnects it.
 */
export async function connectTestRedis(url: string = TEST_REDIS_URL): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  redis.on('error', () => {}); // Reported by the rejection below.
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis is not reachable at ${url}; these tests need it running`, {
      cause: error,
    });
  }
  return redis;
}

/** A redis-server of a test's own on a free port, to stop and start (an outage without touching the shared one). */
export interface PrivateRedis {
  readonly url: string;
  /** Starts it (again) and resolves once it answers. */
  start(): Promise<void>;
  /** Stops it and resolves once the process has exited; nothing when it is not running. */
  stop(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  return {
    url,
    async start() {
      server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      server.once('error', () => {});
      for (let i = 0; i < 100; i++) {
        try {
          (await connectTestRedis(url)).disconnect();
          return;
        } catch {
          await delay(50);
        }
      }
      throw new Error(`redis-server did not start on port ${port} (is redis-server installed?)`);
    },
    async stop() {
      const running = server;
      server = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
