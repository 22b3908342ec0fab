import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';

export const SEED_USAGE = `usage: npm run seed -- --people <count> [--seed <integer>] [--only <department,...>]

Replaces every department's data with a synthetic world of <count> people.
  --people  how many people the world has (required), e.g. 100000
  --seed    the generator seed; the same seed and size give the same world (default 42)
  --only    a comma-separated subset of departments: `;

/**
 * The whole number given to `--<flag>` (underscores may group digits), at least `min`; missing
 * or anything else throws a `UsageError` that names the flag, followed by `usage`.
 */
export function wholeNumberFlag(
  flag: string,
  raw: string | undefined,
  min: number,
  usage: string,
): number {
  const text = raw?.replaceAll('_', '');
  if (
    text === undefined ||
    !/^-?\d+$/.test(text) ||
    !Number.isSafeInteger(Number(text)) ||
    Number(text) < min
  ) {
    const said = raw === undefined ? 'is missing' : `is ${JSON.stringify(raw)}`;
    const floor = min > Number.MIN_SAFE_INTEGER ? ` of at least ${min}` : '';
    throw new UsageError(`--${flag} ${said}: give a whole number${floor}.\n\n${usage}`);
  }
  return Number(text);
}

export interface SeedArgs {
  people: number;
  seed: number;
  /** Department names, in the hub's order. */
  only: string[];
}

/** Parses `--people N [--seed S] [--only a,b]` against the hub's department names. */
export function parseSeedArgs(
  argv: readonly string[],
  departmentNames: readonly string[],
): SeedArgs {
  const usage = `${SEED_USAGE}${departmentNames.join(', ')}`;
  let values: { people?: string; seed?: string; only?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: { people: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${ensureError(error).message}\n\n${usage}`);
  }
  const integer = (flag: string, raw: string | undefined, min: number): number =>
    wholeNumberFlag(flag, raw, min, usage);
  const people = integer('people', values.people, 1);
  const seed =
    values.seed === undefined ? 42 : integer('seed', values.seed, Number.MIN_SAFE_INTEGER);
  const only =
    values.only === undefined
      ? [...departmentNames]
      : values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const unknown = only.filter((name) => !departmentNames.includes(name));
  if (unknown.length > 0 || only.length === 0) {
    throw new UsageError(
      `--only ${JSON.stringify(values.only)} names ${unknown.length > 0 ? `unknown department(s) ${unknown.join(', ')}` : 'no department'}.\n\n${usage}`,
    );
  }
  return { people, seed, only: departmentNames.filter((name) => only.includes(name)) };
}
