import { execFileSync } from 'node:child_process';

/**
 * Pins every thread of process `pid` to CPU `core` with `taskset` (util-linux), so a gateway
 * has one core of its own and the load generator another. Threads started later inherit it.
 */
export function pinToCore(pid: number, core: number): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', String(core), String(pid)], {
    stdio: 'ignore',
  });
}
