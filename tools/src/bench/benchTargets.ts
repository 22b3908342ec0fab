import type { ScenarioName, VariantName } from './benchArgs.js';
import type { GatewayMemoryRecord } from './gatewayFleet.js';
import type { BenchMeasurement, BenchRun } from './measureBench.js';
import { growingDepartments } from './statementsPerRequest.js';

/** One target of issues #5 and #6, checked against a run. */
export interface TargetCheck {
  target: string;
  /** What was measured, in words; `not measured` when the run lacked a variant. */
  measured: string;
  met: boolean | undefined;
}

/** Throughput targets as ratios to the bare gateway in the same run. */
export const THROUGHPUT_TARGETS: {
  variant: VariantName;
  scenarios: ScenarioName[];
  atLeast: number;
}[] = [
  // Issue #14: with every feature on and caches off, no scenario below ×0.9 bare, and the
  // citizen record (the lean executor's own target) at ×1.5.
  {
    variant: 'govgraph',
    scenarios: ['citizen-record', 'people-list', 'company-search', 'mixed'],
    atLeast: 0.9,
  },
  { variant: 'govgraph', scenarios: ['citizen-record'], atLeast: 1.5 },
  { variant: 'entity-warm', scenarios: ['citizen-record', 'people-list'], atLeast: 3 },
  { variant: 'response-warm', scenarios: ['citizen-record', 'people-list'], atLeast: 10 },
];

/** RSS at the end of the memory run within this factor of its first sample under load. */
export const FLAT_MEMORY_FACTOR = 1.1;

/** The run of `variant` on `scenario`, when it was measured. */
export function runOf(runs: readonly BenchRun[], scenario: string, variant: string) {
  return runs.find((r) => r.scenario === scenario && r.variant === variant && r.result);
}

/** `value ÷ base`, NaN when either is missing or the base is 0. */
export function ratio(value: number | undefined, base: number | undefined): number {
  return value === undefined || base === undefined || base === 0 ? Number.NaN : value / base;
}

/** Requests per second of `variant` on `scenario` as a multiple of the bare gateway's. */
export function throughputRatio(runs: readonly BenchRun[], scenario: string, variant: string) {
  return ratio(
    runOf(runs, scenario, variant)?.result?.perSecond,
    runOf(runs, scenario, 'bare')?.result?.perSecond,
  );
}

/** The median of `values`; NaN when there are none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.floor(sorted.length / 2)] ?? Number.NaN);
}

/**
 * RSS growth of one process under load: the median of the last tenth of the samples over the
 * median of the first tenth. Medians, because RSS swings with every major GC; under load at
 * both ends, because a process at rest after the load has shed what it held while busy.
 */
export function memoryGrowth(record: GatewayMemoryRecord): number {
  const rss = record.samples.map((s) => s.rss);
  const tenth = Math.max(1, Math.ceil(rss.length / 10));
  return ratio(median(rss.slice(-tenth)), median(rss.slice(0, tenth)));
}

/** Every target, met or not; `long` adds the flat-memory target. */
export function checkTargets(measurement: BenchMeasurement, long: boolean): TargetCheck[] {
  const checks: TargetCheck[] = THROUGHPUT_TARGETS.flatMap(({ variant, scenarios, atLeast }) =>
    scenarios.map((scenario) => {
      const r = throughputRatio(measurement.runs, scenario, variant);
      return {
        target: `${variant} ≥ ×${atLeast} bare req/s on ${scenario}`,
        measured: Number.isNaN(r) ? 'not measured' : `×${r.toFixed(2)}`,
        met: Number.isNaN(r) ? undefined : r >= atLeast,
      };
    }),
  );
  const short = measurement.statements.find((s) => s.scenario === 'people-list of 10');
  const longList = measurement.statements.find((s) => s.scenario === 'people-list of 100');
  const growing = short && longList ? growingDepartments(short.use, longList.use) : undefined;
  checks.push({
    target: 'SQL statements per request constant in list length (10 vs 100 people)',
    measured:
      growing === undefined
        ? 'not measured'
        : growing.length === 0
          ? 'same most-per-request in every department'
          : `grows in ${growing.join(', ')}`,
    met: growing === undefined ? undefined : growing.length === 0,
  });
  if (long) {
    // The memory run measures one gateway alone: throughput ratios have no baseline there.
    const measured = checks.filter((c) => c.met !== undefined);
    checks.splice(0, checks.length, ...measured);
    for (const record of measurement.memory) {
      const growth = memoryGrowth(record);
      checks.push({
        target: `${record.process} RSS flat under load (median of the last tenth of the run ≤ ×${FLAT_MEMORY_FACTOR} of the first tenth's)`,
        measured: `×${growth.toFixed(2)}`,
        met: growth <= FLAT_MEMORY_FACTOR,
      });
    }
  }
  return checks;
}
