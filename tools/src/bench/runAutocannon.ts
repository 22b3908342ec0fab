import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadRunResult, LoadRunSpec } from './loadRun.js';

const CLIENT = fileURLToPath(new URL('./autocannonClient.ts', import.meta.url));

/** Runs autocannon for `spec` in a separate process on loopback and returns what it measured. */
export function runAutocannon(spec: LoadRunSpec): Promise<LoadRunResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CLIENT, { stdio: 'inherit' });
    let answered = false;
    child.once('message', (result) => {
      answered = true;
      resolve(result as LoadRunResult);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!answered) {
        reject(
          new Error(`the load generator exited (${signal ?? `code ${code}`}) without results`),
        );
      }
    });
    child.send(spec);
  });
}
