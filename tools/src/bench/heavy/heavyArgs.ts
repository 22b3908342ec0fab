import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';
import { wholeNumberFlag } from '../../seedArgs.js';
import { HEAVY_VARIANT_NAMES, type HeavyVariantName } from './heavyVariants.js';

export const HEAVY_USAGE = `usage: npm run bench:heavy -- [--duration <seconds>] [--rounds <count>]
                             [--connections <count>] [--variants <name,...>] [--postgres]
                             [--profile] [--no-record]

Measures the heavy query (four subgraphs, ~87 KB answer) through bare @apollo/gateway, Hive
Gateway (JavaScript and Rust planners) and govgraph's gateway, each pinned to one core, with
autocannon on the other; every gateway's answer is checked identical first.
  --duration     seconds of load per variant (default 10)
  --rounds       blocks per variant, alternating between the variants (default 2)
  --connections  concurrent connections of the load generator (default 8)
  --variants     ${HEAVY_VARIANT_NAMES.join(', ')} (default all)
  --postgres     govgraph's hub store (grants, audit log) on PostgreSQL (BENCH_POSTGRES_URL,
                 database govgraph_heavy_hub) instead of an embedded SQLite file
  --profile      write a V8 CPU profile of every gateway process to bench-results/heavy/profiles/
                 and print each one's costliest packages and functions
  --no-record    print the figures; leave docs/benchmarks.md as it is`;

export interface HeavyArgs {
  durationSeconds: number;
  rounds: number;
  connections: number;
  variants: HeavyVariantName[];
  postgres: boolean;
  profile: boolean;
  record: boolean;
}

const usageError = (message: string) => new UsageError(`${message}\n\n${HEAVY_USAGE}`);

function variantsFrom(raw: string | undefined): HeavyVariantName[] {
  if (raw === undefined) return [...HEAVY_VARIANT_NAMES];
  const asked = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = asked.filter((n) => !(HEAVY_VARIANT_NAMES as readonly string[]).includes(n));
  if (asked.length === 0 || unknown.length > 0) {
    throw usageError(
      `--variants ${JSON.stringify(raw)}: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'name at least one'}; choose from ${HEAVY_VARIANT_NAMES.join(', ')}.`,
    );
  }
  // The baseline is always measured: every figure is read against it.
  return HEAVY_VARIANT_NAMES.filter((name) => name === 'bare' || asked.includes(name));
}

/** Parses bench:heavy's flags; a mistake throws a `UsageError` that names the flag. */
export function parseHeavyArgs(argv: readonly string[]): HeavyArgs {
  let values: Partial<Record<'duration' | 'rounds' | 'connections' | 'variants', string>> & {
    postgres?: boolean;
    profile?: boolean;
    'no-record'?: boolean;
  };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        duration: { type: 'string' },
        rounds: { type: 'string' },
        connections: { type: 'string' },
        variants: { type: 'string' },
        postgres: { type: 'boolean' },
        profile: { type: 'boolean' },
        'no-record': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw usageError(ensureError(error).message);
  }
  const integer = (flag: 'duration' | 'rounds' | 'connections', fallback: number): number =>
    values[flag] === undefined ? fallback : wholeNumberFlag(flag, values[flag], 1, HEAVY_USAGE);
  return {
    durationSeconds: integer('duration', 10),
    rounds: integer('rounds', 2),
    connections: integer('connections', 8),
    variants: variantsFrom(values.variants),
    postgres: values.postgres === true,
    profile: values.profile === true,
    record: values['no-record'] !== true,
  };
}
