import { setTimeout as delay } from 'node:timers/promises';
import { childPids } from './childProcess.js';
import type { Topology } from './topology.js';

/** The faults `--faults` names; `all` injects every one of them at once. */
export const FAULTS = ['dept-kill', 'dept-slow', 'redis', 'postgres', 'worker'] as const;
export type Fault = (typeof FAULTS)[number];
export type Phase = Fault | 'all';

/** The department SIGKILLed: it takes the idempotent writes, so retries meet it down. */
export const KILLED_DEPARTMENT = 'approvals';
/** The department behind the delaying proxy: the citizen record and eligibility reads need it. */
export const SLOWED_DEPARTMENT = 'social';
/** How slow the slowed department answers (below the gateway's 5 s department timeout). */
export const SLOW_MS = 3000;

/** What the clients may see while a fault is on, beyond a clean answer. */
export const EXPECTED_CODES: Record<Fault, readonly string[]> = {
  'dept-kill': [`DEPARTMENT_UNAVAILABLE:${KILLED_DEPARTMENT}`],
  'dept-slow': [`DEPARTMENT_UNAVAILABLE:${SLOWED_DEPARTMENT}`],
  redis: [],
  postgres: ['AUDIT_UNAVAILABLE'],
  worker: ['NETWORK'],
};

export function expectedCodes(phase: Phase): Set<string> {
  const faults: readonly Fault[] = phase === 'all' ? FAULTS : [phase];
  return new Set(faults.flatMap((f) => EXPECTED_CODES[f]));
}

/** A fault in progress: `restore()` undoes it and resolves once the service is back. */
export interface Injected {
  what: string;
  restore(): Promise<void>;
}

export async function inject(fault: Fault, topology: Topology): Promise<Injected> {
  switch (fault) {
    case 'dept-kill': {
      const department = topology.departments.get(KILLED_DEPARTMENT);
      if (!department) throw new Error(`no department ${KILLED_DEPARTMENT}`);
      await department.kill('SIGKILL');
      return { what: `${KILLED_DEPARTMENT} SIGKILLed`, restore: () => department.start() };
    }
    case 'dept-slow': {
      const { proxy, department } = topology.slowed;
      proxy.delayMs = SLOW_MS;
      return {
        what: `${department} answers after ${SLOW_MS} ms`,
        restore: async () => {
          proxy.delayMs = 0;
        },
      };
    }
    case 'redis':
      await topology.redis.stop();
      return { what: 'Redis stopped', restore: () => topology.redis.start() };
    case 'postgres':
      await topology.postgres.stop();
      return { what: 'PostgreSQL (hub store) stopped', restore: () => topology.postgres.start() };
    case 'worker':
      return killWorker(topology);
  }
}

/** SIGKILLs one worker of gateway B; its supervisor forks a new one by itself. */
async function killWorker(topology: Topology): Promise<Injected> {
  const supervisor = topology.gateways[1].process.pid();
  const [victim] = supervisor ? childPids(supervisor) : [];
  if (victim === undefined) throw new Error('gateway B has no worker to kill');
  process.kill(victim, 'SIGKILL');
  return {
    what: `gateway B worker ${victim} SIGKILLed`,
    restore: async () => {
      // Nothing to do: the supervisor replaces it. Wait until two workers run again.
      for (let i = 0; i < 300; i++) {
        const workers = supervisor ? childPids(supervisor) : [];
        if (workers.length >= 2 && !workers.includes(victim)) return;
        await delay(100);
      }
    },
  };
}
