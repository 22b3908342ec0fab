import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadBlockResult, LoadBlockSpec } from './loadRun.js';

const CLIENT = fileURLToPath(new URL('./autocannonClient.ts', import.meta.url));

/** The load generator's process: one autocannon block at a time. */
export interface LoadClient {
  run(spec: LoadBlockSpec): Promise<LoadBlockResult>;
  stop(): Promise<void>;
}

/** Starts autocannon in a separate process (on loopback, beside the gateways). */
export function startLoadClient(): LoadClient {
  const child: ChildProcess = fork(CLIENT, { stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    run: (spec) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null, signal: string | null) =>
          reject(
            new Error(`the load generator exited (${signal ?? `code ${code}`}) without results`),
          );
        child.once('exit', onExit);
        child.once('message', (result) => {
          child.off('exit', onExit);
          resolve(result as LoadBlockResult);
        });
        child.send(spec);
      }),
    async stop() {
      child.kill();
      await exited;
    },
  };
}
