import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';
import { wholeNumberFlag } from '../seedArgs.js';
import { FAULTS, type Phase } from './faults.js';

export const CHAOS_USAGE = `usage: npm run chaos [-- --duration 60s] [--faults dept-kill,dept-slow,redis,postgres,worker,all]
                     [--people 300] [--clients 3]

Starts the hub as separate processes (every department, two gateways sharing one Redis and one
PostgreSQL of the run's own), drives a mixed load at both gateways, injects each fault in turn,
and checks that nothing was lost. Exits 1 when an invariant breaks.
  --duration  load time, split into a baseline and a fault and recovery window per phase
              (e.g. 90s, 3m; default 120s)
  --faults    the phases, in order; "all" injects every fault at once
              (default dept-kill,dept-slow,redis,postgres,worker,all)
  --people    size of the seeded world (default 300)
  --clients   concurrent clients per gateway (default 3)`;

export interface ChaosArgs {
  durationMs: number;
  phases: Phase[];
  people: number;
  clients: number;
}

const PHASES: readonly string[] = [...FAULTS, 'all'];

/** `90s`, `3m`, `1500ms` or a bare number of seconds, in milliseconds. */
export function parseDuration(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!match?.[1]) {
    throw new UsageError(
      `--duration ${JSON.stringify(raw)}: give e.g. 60s, 2m or 1500ms.\n\n${CHAOS_USAGE}`,
    );
  }
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  const ms = unit === 'ms' ? value : unit === 'm' ? value * 60_000 : value * 1000;
  if (ms < 3000) throw new UsageError(`--duration must be at least 3s.\n\n${CHAOS_USAGE}`);
  return ms;
}

export function parseChaosArgs(argv: readonly string[]): ChaosArgs {
  let values: { duration?: string; faults?: string; people?: string; clients?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        duration: { type: 'string' },
        faults: { type: 'string' },
        people: { type: 'string' },
        clients: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${ensureError(error).message}\n\n${CHAOS_USAGE}`);
  }
  const phases = (values.faults ?? PHASES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = phases.filter((p) => !PHASES.includes(p));
  if (phases.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--faults ${JSON.stringify(values.faults)}: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'names none'}; choose from ${PHASES.join(', ')}.\n\n${CHAOS_USAGE}`,
    );
  }
  return {
    durationMs: parseDuration(values.duration ?? '120s'),
    phases: phases as Phase[],
    people:
      values.people === undefined ? 300 : wholeNumberFlag('people', values.people, 10, CHAOS_USAGE),
    clients:
      values.clients === undefined ? 3 : wholeNumberFlag('clients', values.clients, 1, CHAOS_USAGE),
  };
}
