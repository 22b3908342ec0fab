import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';
import { wholeNumberFlag } from '../seedArgs.js';

/** Every scenario `npm run bench` knows, in the order it runs them. */
export const SCENARIO_NAMES = ['citizen-record', 'people-list', 'company-search', 'mixed'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Every variant `npm run bench` knows, in the order it measures them (the baseline first). */
export const VARIANT_NAMES = [
  'bare',
  'direct',
  'govgraph',
  'govgraph-apollo',
  'entity-cold',
  'entity-warm',
  'response-cold',
  'response-warm',
] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

export const BENCH_USAGE = `usage: npm run bench -- [--duration <seconds>] [--connections <count>] [--people <count>]
                       [--scenarios <name,...>] [--variants <name,...>] [--postgres]
                       [--rounds <count>] [--long] [--profile] [--seed <integer>] [--no-record]

Measures the gateway against a bare @apollo/gateway (the floor) and the departments queried
directly (the ceiling), in one run, with load from a separate autocannon process.
  --duration     seconds of load per scenario and variant (default 2; 600 with --long)
  --rounds       blocks per variant, alternating between the variants (default 2; 10 with --long)
  --connections  concurrent connections of the load generator (default 8)
  --people       people in the world (default 10000)
  --scenarios    ${SCENARIO_NAMES.join(', ')} (default all)
  --variants     ${VARIANT_NAMES.join(', ')} (default all)
  --postgres     departments on PostgreSQL (BENCH_POSTGRES_URL; one bench database each,
                 seeded once) instead of embedded SQLite files under bench-results/
  --long         the memory run: govgraph only, the mixed scenario, 10 minutes, RSS sampled
  --profile      write a V8 CPU profile of every gateway process to bench-results/profiles/
  --seed         the generator seed (default 42)
  --no-record    print the figures; write neither bench-results/*.json nor docs/benchmarks.md`;

export interface BenchArgs {
  durationSeconds: number;
  rounds: number;
  connections: number;
  people: number;
  seed: number;
  scenarios: ScenarioName[];
  variants: VariantName[];
  postgres: boolean;
  long: boolean;
  profile: boolean;
  record: boolean;
}

const COUNTS = ['duration', 'connections', 'people', 'seed', 'rounds'] as const;

function usageError(message: string): UsageError {
  return new UsageError(`${message}\n\n${BENCH_USAGE}`);
}

function namesFrom<T extends string>(
  flag: string,
  raw: string | undefined,
  known: readonly T[],
): T[] {
  if (raw === undefined) return [...known];
  const asked = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = asked.filter((name) => !(known as readonly string[]).includes(name));
  if (asked.length === 0 || unknown.length > 0) {
    throw usageError(
      `--${flag} ${JSON.stringify(raw)}: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'name at least one'}; choose from ${known.join(', ')}.`,
    );
  }
  // Run order is the table's, whatever order they were asked in.
  return known.filter((name) => asked.includes(name));
}

/** Parses the benchmark's flags; a mistake throws a `UsageError` that names the flag. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values: Partial<Record<(typeof COUNTS)[number] | 'scenarios' | 'variants', string>> & {
    postgres?: boolean;
    long?: boolean;
    profile?: boolean;
    'no-record'?: boolean;
  };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(
          [...COUNTS, 'scenarios', 'variants'].map((flag) => [flag, { type: 'string' }]),
        ),
        postgres: { type: 'boolean' },
        long: { type: 'boolean' },
        profile: { type: 'boolean' },
        'no-record': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw usageError(ensureError(error).message);
  }
  const long = values.long === true;
  const integer = (flag: (typeof COUNTS)[number], fallback: number, min: number): number =>
    values[flag] === undefined ? fallback : wholeNumberFlag(flag, values[flag], min, BENCH_USAGE);
  const scenarios = namesFrom('scenarios', values.scenarios, SCENARIO_NAMES);
  const variants = namesFrom('variants', values.variants, VARIANT_NAMES);
  return {
    durationSeconds: integer('duration', long ? 600 : 2, 1),
    rounds: integer('rounds', long ? 10 : 2, 1),
    connections: integer('connections', 8, 1),
    people: integer('people', 10_000, 100),
    seed: integer('seed', 42, Number.MIN_SAFE_INTEGER),
    // The memory run watches one gateway under the mixed workload unless told otherwise.
    scenarios: long && values.scenarios === undefined ? ['mixed'] : scenarios,
    variants: long && values.variants === undefined ? ['govgraph'] : variants,
    postgres: values.postgres === true,
    long,
    profile: values.profile === true,
    record: values['no-record'] !== true,
  };
}
