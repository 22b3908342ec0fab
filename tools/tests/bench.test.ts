import { createWorld } from '@govgraph/datagen';
import { UsageError } from '@govgraph/server';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs, SCENARIO_NAMES, VARIANT_NAMES } from '../src/bench/benchArgs.js';
import { alignColumns, COLUMNS, rowCells } from '../src/bench/benchReport.js';
import { checkTargets, memoryGrowth, ratio, throughputRatio } from '../src/bench/benchTargets.js';
import type { GatewayMemoryRecord } from '../src/bench/gatewayFleet.js';
import type { LoadBlockResult, LoadRunResult } from '../src/bench/loadRun.js';
import type { BenchMeasurement, BenchRun } from '../src/bench/measureBench.js';
import { mergeBlocks } from '../src/bench/mergeBlocks.js';
import { roundOrder } from '../src/bench/prepareVariant.js';
import { packageOf } from '../src/bench/profileSummary.js';
import { benchRng, LIST_SIZE, scenarios, searchTermOf } from '../src/bench/scenarios.js';
import {
  growingDepartments,
  statementsPerRequest,
  statementUse,
} from '../src/bench/statementsPerRequest.js';

describe('parseBenchArgs', () => {
  it('defaults to every scenario and variant, briefly, on embedded SQLite', () => {
    expect(parseBenchArgs([])).toEqual({
      durationSeconds: 2,
      rounds: 2,
      connections: 8,
      people: 10_000,
      seed: 42,
      scenarios: [...SCENARIO_NAMES],
      variants: [...VARIANT_NAMES],
      postgres: false,
      long: false,
      profile: false,
      record: true,
    });
  });

  it('reads every flag, keeping the table order whatever order names were given in', () => {
    expect(
      parseBenchArgs([
        '--duration',
        '30',
        '--rounds',
        '5',
        '--connections',
        '16',
        '--people',
        '1_000_000',
        '--seed=-7',
        '--scenarios',
        'mixed, citizen-record',
        '--variants',
        'govgraph,bare',
        '--postgres',
        '--profile',
        '--no-record',
      ]),
    ).toEqual({
      durationSeconds: 30,
      rounds: 5,
      connections: 16,
      people: 1_000_000,
      seed: -7,
      scenarios: ['citizen-record', 'mixed'],
      variants: ['bare', 'govgraph'],
      postgres: true,
      long: false,
      profile: true,
      record: false,
    });
  });

  it('makes --long the 10-minute memory run of govgraph under the mixed workload', () => {
    expect(parseBenchArgs(['--long'])).toMatchObject({
      long: true,
      durationSeconds: 600,
      rounds: 10,
      scenarios: ['mixed'],
      variants: ['govgraph'],
    });
    expect(parseBenchArgs(['--long', '--variants', 'bare,govgraph'])).toMatchObject({
      variants: ['bare', 'govgraph'],
    });
  });

  it('refuses unknown names, bad numbers and unknown flags, naming the problem and the usage', () => {
    expect(() => parseBenchArgs(['--scenarios', 'citizen-record,lunch'])).toThrow(
      /--scenarios "citizen-record,lunch": unknown lunch; choose from citizen-record, people-list/,
    );
    expect(() => parseBenchArgs(['--variants', ','])).toThrow(/name at least one/);
    expect(() => parseBenchArgs(['--duration', '0'])).toThrow(
      /--duration is "0": give a whole number of at least 1/,
    );
    expect(() => parseBenchArgs(['--people', '5k'])).toThrow(/--people is "5k"/);
    expect(() => parseBenchArgs(['--warp'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--warp'])).toThrow(/usage: npm run bench/);
  });
});

const block = (latencies: number[], durationSeconds: number, errors = 0): LoadBlockResult => ({
  latencies,
  durationSeconds,
  sent: latencies.length,
  errors,
  firstErrors: errors > 0 ? [`HTTP 500: failed ${errors}`] : [],
});

describe('mergeBlocks', () => {
  it('merges blocks into one run: requests over summed wall time, nearest-rank percentiles over all latencies', () => {
    const merged = mergeBlocks([block([5, 1, 3, 2, 4], 1, 1), block([10, 6, 9, 7, 8], 1.5, 2)]);
    expect(merged).toEqual({
      requests: 10,
      durationSeconds: 2.5,
      perSecond: 4,
      p50: 5,
      p90: 9,
      p99: 10,
      mean: 5.5,
      errors: 3,
      firstErrors: ['HTTP 500: failed 1', 'HTTP 500: failed 2'],
    });
  });

  it('reports no figures, not zeros, when nothing was answered', () => {
    const merged = mergeBlocks([block([], 0)]);
    expect(merged.requests).toBe(0);
    expect(merged.perSecond).toBeNaN();
    expect(merged.p50).toBeNaN();
  });
});

describe('roundOrder', () => {
  it('alternates the order of the variants every round', () => {
    expect(roundOrder(['bare', 'direct', 'govgraph'], 0)).toEqual(['bare', 'direct', 'govgraph']);
    expect(roundOrder(['bare', 'direct', 'govgraph'], 1)).toEqual(['govgraph', 'direct', 'bare']);
    expect(roundOrder(['bare', 'direct', 'govgraph'], 2)).toEqual(['bare', 'direct', 'govgraph']);
  });
});

describe('statements per request', () => {
  it('gives each department mean, min and max over the requests, 0 where a request did not reach it', () => {
    expect(
      statementUse(
        ['population', 'tax', 'market'],
        [
          { population: 1, tax: 1 },
          { population: 1, tax: 2 },
          { population: 1, tax: 3, market: 4 },
        ],
      ),
    ).toEqual([
      { department: 'population', mean: 1, min: 1, max: 1 },
      { department: 'tax', mean: 2, min: 1, max: 3 },
      { department: 'market', mean: 4 / 3, min: 0, max: 4 },
    ]);
  });

  it('divides a run’s statements by its answered requests', () => {
    expect(statementsPerRequest(3_100, 1_000)).toBe(3.1);
    expect(statementsPerRequest(5, 0)).toBeNaN();
  });

  it('names the departments whose most statements grow from the short list to the long one', () => {
    const short = statementUse(['population', 'tax'], [{ population: 1, tax: 1 }]);
    expect(
      growingDepartments(short, statementUse(['population', 'tax'], [{ population: 1, tax: 1 }])),
    ).toEqual([]);
    expect(
      growingDepartments(short, statementUse(['population', 'tax'], [{ population: 1, tax: 10 }])),
    ).toEqual(['tax (1 → 10)']);
  });
});

const result = (perSecond: number, p50: number, p99: number, errors = 0): LoadRunResult => ({
  requests: perSecond * 2,
  durationSeconds: 2,
  perSecond,
  p50,
  p90: p99,
  p99,
  mean: p50,
  errors,
  firstErrors: [],
});

const runs: BenchRun[] = [
  {
    scenario: 'citizen-record',
    variant: 'bare',
    target: 'gateway',
    result: result(200, 40, 100),
    statementsPerRequest: 15.6,
    gatewayCpuMsPerRequest: 4,
    departmentsCpuMsPerRequest: 2,
  },
  {
    scenario: 'citizen-record',
    variant: 'govgraph',
    target: 'gateway',
    result: result(170, 50, 90),
    statementsPerRequest: 15.64,
    gatewayCpuMsPerRequest: 3,
    departmentsCpuMsPerRequest: 3,
  },
  {
    scenario: 'citizen-record',
    variant: 'entity-warm',
    target: 'gateway',
    result: result(900, 8, 20),
    statementsPerRequest: 0,
  },
  {
    scenario: 'citizen-record',
    variant: 'response-warm',
    target: '—',
    skipped: 'no response cache option yet',
  },
  { scenario: 'people-list', variant: 'bare', target: 'gateway', result: result(100, 80, 150) },
  {
    scenario: 'people-list',
    variant: 'entity-warm',
    target: 'gateway',
    result: result(400, 20, 40),
  },
];

describe('the table', () => {
  it('shows each figure, gateway and department CPU per request, and their ratios to the bare gateway of the same scenario', () => {
    expect(rowCells(runs[1] as BenchRun, runs)).toEqual([
      'citizen-record',
      'govgraph',
      'gateway',
      '170',
      '×0.85',
      '50.0',
      '×1.25',
      '90.0',
      '×0.90',
      '0',
      '15.6',
      '3.00',
      '×0.75',
      '3.00',
      '×1.50',
    ]);
    expect(rowCells(runs[3] as BenchRun, runs)).toEqual([
      'citizen-record',
      'response-warm',
      'skipped: no response cache option yet',
    ]);
  });

  it('leaves a ratio empty when the scenario has no bare run, and aligns the columns', () => {
    const lone: BenchRun = {
      scenario: 'mixed',
      variant: 'govgraph',
      target: 'gateway',
      result: result(50, 1, 2),
    };
    expect(rowCells(lone, [lone])[4]).toBe('—');
    const [head, row] = alignColumns([COLUMNS, rowCells(runs[0] as BenchRun, runs)]);
    // Names left-aligned, figures right-aligned: every column ends where its header ends.
    expect(row?.startsWith('citizen-record  bare')).toBe(true);
    expect(row?.length).toBe(head?.length);
    expect(row?.indexOf('200')).toBe((head?.indexOf('req/s') ?? 0) + 2);
  });

  it('computes ratios as value over base, with no figure for a missing or zero base', () => {
    expect(ratio(300, 200)).toBe(1.5);
    expect(ratio(300, 0)).toBeNaN();
    expect(ratio(undefined, 200)).toBeNaN();
    expect(throughputRatio(runs, 'citizen-record', 'entity-warm')).toBe(4.5);
  });
});

describe('checkTargets', () => {
  const memory: GatewayMemoryRecord = {
    process: 'govgraph-off',
    pid: 1,
    start: { rss: 100, heapUsed: 50, cpuMicros: 0 },
    end: { rss: 130, heapUsed: 60, cpuMicros: 9_000_000 },
    samples: [
      { atSeconds: 1, rss: 120 },
      { atSeconds: 2, rss: 125 },
    ],
  };
  const measurement: BenchMeasurement = {
    runs,
    memory: [memory],
    statements: [
      { scenario: 'people-list of 10', use: statementUse(['population'], [{ population: 1 }]) },
      { scenario: 'people-list of 100', use: statementUse(['population'], [{ population: 1 }]) },
    ],
  };

  it('checks each throughput target against the bare gateway, and says what was not measured', () => {
    expect(checkTargets(measurement, false)).toEqual([
      { target: 'govgraph ≥ ×0.9 bare req/s on citizen-record', measured: '×0.85', met: false },
      ...['people-list', 'company-search', 'mixed'].map((scenario) => ({
        target: `govgraph ≥ ×0.9 bare req/s on ${scenario}`,
        measured: 'not measured',
        met: undefined,
      })),
      { target: 'govgraph ≥ ×1.5 bare req/s on citizen-record', measured: '×0.85', met: false },
      { target: 'entity-warm ≥ ×3 bare req/s on citizen-record', measured: '×4.50', met: true },
      { target: 'entity-warm ≥ ×3 bare req/s on people-list', measured: '×4.00', met: true },
      {
        target: 'response-warm ≥ ×10 bare req/s on citizen-record',
        measured: 'not measured',
        met: undefined,
      },
      {
        target: 'response-warm ≥ ×10 bare req/s on people-list',
        measured: 'not measured',
        met: undefined,
      },
      {
        target: 'SQL statements per request constant in list length (10 vs 100 people)',
        measured: 'same most-per-request in every department',
        met: true,
      },
    ]);
  });

  it('in the long run checks memory under load (last tenth against first) and leaves out the ratios it has no baseline for', () => {
    expect(memoryGrowth(memory)).toBeCloseTo(125 / 120);
    expect(checkTargets(measurement, true).map((c) => [c.target, c.measured, c.met])).toEqual([
      ['govgraph ≥ ×0.9 bare req/s on citizen-record', '×0.85', false],
      ['govgraph ≥ ×1.5 bare req/s on citizen-record', '×0.85', false],
      ['entity-warm ≥ ×3 bare req/s on citizen-record', '×4.50', true],
      ['entity-warm ≥ ×3 bare req/s on people-list', '×4.00', true],
      [
        'SQL statements per request constant in list length (10 vs 100 people)',
        'same most-per-request in every department',
        true,
      ],
      [
        "govgraph-off RSS flat under load (median of the last tenth of the run ≤ ×1.1 of the first tenth's)",
        '×1.04',
        true,
      ],
    ]);
  });
});

describe('scenario inputs and profile summaries', () => {
  const world = createWorld({ seed: 42, people: 500 });
  const all = scenarios();
  const variables = (body: string) =>
    (JSON.parse(body) as { variables: Record<string, unknown> }).variables;

  it('asks for people of the world, the same ones for the same seed and lane, others in another lane', () => {
    const first = all['citizen-record'].requests(world, benchRng(42, 1), 5);
    expect(first.map((r) => r.caller)).toEqual(['agency', 'agency', 'agency', 'agency', 'agency']);
    for (const r of first) {
      const id = variables(r.body).nationalId as string;
      expect(world.personIndexOf(id)).toBeTypeOf('number');
    }
    expect(all['citizen-record'].requests(world, benchRng(42, 1), 5)).toEqual(first);
    expect(all['citizen-record'].requests(world, benchRng(42, 2), 5)).not.toEqual(first);
  });

  it('lists 100 different people, searches anonymously, and mixes the three in turn', () => {
    const [list] = all['people-list'].requests(world, benchRng(42, 1), 1);
    const ids = variables(list?.body ?? '{}').nationalIds as string[];
    expect(new Set(ids).size).toBe(LIST_SIZE);
    const [search] = all['company-search'].requests(world, benchRng(42, 1), 1);
    expect(search?.caller).toBe('anonymous');
    expect(variables(search?.body ?? '{}').name).toHaveLength(2);
    const mixed = all.mixed.requests(world, benchRng(42, 1), 6);
    const operation = (body: string) =>
      /\bquery (\w+)/.exec((JSON.parse(body) as { query: string }).query)?.[1];
    expect(mixed.map((r) => operation(r.body))).toEqual([
      'CitizenRecord',
      'PeopleList',
      'CompanySearch',
      'CitizenRecord',
      'PeopleList',
      'CompanySearch',
    ]);
  });

  it('searches for the distinctive middle of a registered name', () => {
    expect(searchTermOf('抚顺盛世科技有限公司')).toBe('盛世');
  });

  it('attributes profile frames to packages, our workspaces and Node itself', () => {
    expect(
      packageOf('file:///work/main/node_modules/@apollo/gateway/dist/executeQueryPlan.js'),
    ).toBe('@apollo/gateway');
    expect(packageOf('file:///work/main/node_modules/graphql/execution/execute.js')).toBe(
      'graphql',
    );
    expect(packageOf('file:///work/main/gateway/src/dataSource/timeoutFetcher.ts')).toBe(
      'govgraph gateway',
    );
    expect(packageOf('file:///work/main/subgraphs/tax/src/loaders.ts')).toBe(
      'govgraph subgraphs/tax',
    );
    expect(packageOf('node:internal/http')).toBe('node (built-in)');
    expect(packageOf('')).toBe('(native, GC, idle)');
  });
});
