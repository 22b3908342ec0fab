import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';
import { wholeNumberFlag } from '../seedArgs.js';

export const SCALE_USAGE = `usage: npm run bench:scale -- [--small <people>] [--large <people>] [--seed <integer>]
                             [--requests <count>] [--concurrency <count>] [--warmup <count>]
                             [--reseed] [--no-record]

Measures the citizen-record query through the gateway on PostgreSQL for a small and a large
world, and records the large figures as ratios to the small ones in docs/benchmarks.md.
  --small        people in the baseline world (default 10000)
  --large        people in the large world (default 1000000)
  --seed         the generator seed (default 42)
  --requests     measured requests per phase, sequential and concurrent (default 500)
  --concurrency  requests in flight in the concurrent phase (default 4)
  --warmup       unmeasured requests before measuring (default 50)
  --reseed       seed the databases again even when they hold this world already
  --no-record    print the figures without appending them to docs/benchmarks.md
The PostgreSQL server is BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).`;

export interface ScaleArgs {
  small: number;
  large: number;
  seed: number;
  requests: number;
  concurrency: number;
  warmup: number;
  reseed: boolean;
  record: boolean;
}

const COUNTS = ['small', 'large', 'requests', 'concurrency', 'warmup'] as const;
const DEFAULTS = {
  small: 10_000,
  large: 1_000_000,
  seed: 42,
  requests: 500,
  concurrency: 4,
  warmup: 50,
};

/** Parses the benchmark's flags; a mistake throws a `UsageError` that names the flag. */
export function parseScaleArgs(argv: readonly string[]): ScaleArgs {
  let values: Partial<Record<(typeof COUNTS)[number] | 'seed', string>> & {
    reseed?: boolean;
    'no-record'?: boolean;
  };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries([...COUNTS, 'seed'].map((flag) => [flag, { type: 'string' }])),
        reseed: { type: 'boolean' },
        'no-record': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${ensureError(error).message}\n\n${SCALE_USAGE}`);
  }
  const integer = (flag: keyof typeof DEFAULTS, min: number): number =>
    values[flag] === undefined
      ? DEFAULTS[flag]
      : wholeNumberFlag(flag, values[flag], min, SCALE_USAGE);
  const args: ScaleArgs = {
    small: integer('small', 1),
    large: integer('large', 1),
    seed: integer('seed', Number.MIN_SAFE_INTEGER),
    requests: integer('requests', 1),
    concurrency: integer('concurrency', 1),
    warmup: integer('warmup', 0),
    reseed: values.reseed === true,
    record: values['no-record'] !== true,
  };
  if (args.large <= args.small) {
    throw new UsageError(
      `--large (${args.large}) must be more people than --small (${args.small}).\n\n${SCALE_USAGE}`,
    );
  }
  return args;
}
