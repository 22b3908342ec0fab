import { UsageError } from '@govgraph/server';
import { describe, expect, it } from 'vitest';
import { parseHeavyArgs } from '../src/bench/heavy/heavyArgs.js';
import type { HeavyRun } from '../src/bench/heavy/heavyMeasure.js';
import { heavyRows } from '../src/bench/heavy/heavyReport.js';

const run = (variant: HeavyRun['variant'], perSecond: number, p50: number, cpu: number) => ({
  variant,
  cpuMsPerRequest: cpu,
  result: {
    requests: perSecond * 10,
    durationSeconds: 10,
    perSecond,
    p50,
    p90: p50 * 2,
    p99: p50 * 4,
    mean: p50,
    errors: 0,
    firstErrors: [],
  },
});

describe('parseHeavyArgs', () => {
  it('defaults to every variant, 10 s in 2 rounds, 8 connections, SQLite, no profile, recorded', () => {
    expect(parseHeavyArgs([])).toEqual({
      durationSeconds: 10,
      rounds: 2,
      connections: 8,
      variants: ['bare', 'hive', 'hive-router', 'govgraph', 'govgraph-apollo'],
      postgres: false,
      profile: false,
      record: true,
    });
  });

  it('always measures the bare baseline, in table order whatever order names were given in', () => {
    expect(
      parseHeavyArgs(['--variants', 'govgraph, hive', '--postgres', '--profile', '--no-record']),
    ).toMatchObject({
      variants: ['bare', 'hive', 'govgraph'],
      postgres: true,
      profile: true,
      record: false,
    });
  });

  it('names the flag of an unknown variant or a bad count', () => {
    expect(() => parseHeavyArgs(['--variants', 'router'])).toThrow(/unknown router/);
    expect(() => parseHeavyArgs(['--duration', '0'])).toThrow(UsageError);
    expect(() => parseHeavyArgs(['--fast'])).toThrow(UsageError);
  });
});

describe('heavyRows', () => {
  it('reads every figure as a ratio to the bare gateway of the same run', () => {
    const rows = heavyRows([run('bare', 100, 10, 20), run('govgraph', 150, 5, 10)]);
    expect(rows[0]).toEqual([
      'bare',
      '100',
      '×1.00',
      '10.0',
      '×1.00',
      '40.0',
      '×1.00',
      '0',
      '20.00',
      '×1.00',
    ]);
    expect(rows[1]).toEqual([
      'govgraph',
      '150',
      '×1.50',
      '5.0',
      '×0.50',
      '20.0',
      '×0.50',
      '0',
      '10.00',
      '×0.50',
    ]);
  });
});
