import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../paths.js';
import type { GatewayJob, GatewayReply } from './gatewayJob.js';

const ENTRY = fileURLToPath(new URL('./gatewayProcess.ts', import.meta.url));

/** Memory of a gateway process, in bytes, and the CPU time it has used so far. */
export interface GatewayMemory {
  rss: number;
  heapUsed: number;
  /** User and system CPU time since the process started, in microseconds. */
  cpuMicros: number;
}

export interface GatewayProcess {
  pid: number;
  graphqlUrl: string;
  memory(): Promise<GatewayMemory>;
  /** Finishes what the last load left behind in the gateway (`GatewayCommand` settle). */
  settle(): Promise<void>;
  /** Ends the process and waits for it (and for its CPU profile, when profiling). */
  stop(): Promise<void>;
}

function nextReply<T extends GatewayReply['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<GatewayReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: GatewayReply) => {
      if (message.type === 'failed') {
        cleanup();
        reject(new Error(`the benchmark gateway could not start: ${message.message}`));
      } else if (message.type === type) {
        cleanup();
        resolve(message as Extract<GatewayReply, { type: T }>);
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`the benchmark gateway exited (${signal ?? `code ${code}`})`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Forks a gateway process for `job` and resolves once it listens on loopback. With
 * `job.profileDir`, the process profiles itself from then on and writes the profile there when
 * it stops.
 */
export async function startGatewayProcess(job: GatewayJob): Promise<GatewayProcess> {
  // Under tsx the child inherits this process's execArgv and loads TypeScript as we do; under
  // vitest (which loads TypeScript its own way) it is given tsx, resolved from the root.
  const underTsx = process.execArgv.some((arg) => arg.includes('tsx'));
  const child = fork(ENTRY, {
    stdio: 'inherit',
    ...(underTsx ? {} : { execArgv: ['--import', 'tsx'], cwd: REPO_ROOT }),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = nextReply(child, 'listening');
  child.send(job);
  const { port } = await listening.catch(async (error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    pid: child.pid ?? 0,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    async memory() {
      const answer = nextReply(child, 'memory');
      child.send({ type: 'memory' });
      const { rss, heapUsed, cpuMicros } = await answer;
      return { rss, heapUsed, cpuMicros };
    },
    async settle() {
      const answer = nextReply(child, 'settled');
      child.send({ type: 'settle' });
      await answer;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.send({ type: 'stop' });
      await exited;
    },
  };
}
