import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, PhaseResult } from './loadJob.js';

const CLIENT = fileURLToPath(new URL('./loadClient.ts', import.meta.url));

/**
 * Runs `job` in a separate load-client process and returns what it measured per phase. The
 * child inherits this process's `execArgv`, so under tsx it loads TypeScript as we do.
 */
export function runLoad(job: LoadJob): Promise<PhaseResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(CLIENT, { stdio: 'inherit' });
    let answered = false;
    child.once('message', (results) => {
      answered = true;
      resolve(results as PhaseResult[]);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!answered) {
        reject(new Error(`the load client exited (${signal ?? `code ${code}`}) without results`));
      }
    });
    child.send(job);
  });
}
