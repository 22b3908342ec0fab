import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from it so that `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One service of the harness as a process of its own, which the faults kill and restart. */
export interface ServiceProcess {
  readonly name: string;
  readonly logFile: string;
  pid(): number | undefined;
  /** Spawns it (again) and resolves once `ready()` answers true. */
  start(): Promise<void>;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  /** A TypeScript entry point, run with `node --import tsx`. */
  entry: string;
  /** Added to this process's environment; an undefined value removes the variable. */
  env: Record<string, string | undefined>;
  logFile: string;
  /** True once the service answers; polled after each start. */
  ready: () => Promise<boolean>;
}

const START_TIMEOUT_MS = 120_000;

export function serviceProcess(options: ServiceOptions): ServiceProcess {
  let child: ChildProcess | undefined;
  const log = createWriteStream(options.logFile, { flags: 'a' });
  return {
    name: options.name,
    logFile: options.logFile,
    pid: () => child?.pid,
    async start() {
      const spawned = spawn(process.execPath, ['--import', 'tsx', options.entry], {
        cwd: REPO_ROOT,
        env: definedOnly({ ...process.env, ...options.env }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = spawned;
      spawned.stdout?.pipe(log, { end: false });
      spawned.stderr?.pipe(log, { end: false });
      await untilReady(options, spawned);
    },
    async kill(signal) {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill(signal);
      await exited;
    },
  };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

async function untilReady(options: ServiceOptions, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${options.name} exited while starting (${child.signalCode ?? `code ${child.exitCode}`}); its log ${options.logFile}:\n${tail(options.logFile)}`,
      );
    }
    if (await options.ready().catch(() => false)) return;
    await delay(200);
  }
  throw new Error(
    `${options.name} did not become ready in ${START_TIMEOUT_MS / 1000} s; see ${options.logFile}`,
  );
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

/** True when GET `url` answers 200 within a second. */
export async function answers200(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await response.body?.cancel();
  return response.status === 200;
}

/** The pids of a process's children (a clustered gateway's workers), from /proc. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
