import type { LatencySummary } from './latencySummary.js';
import { formatMachine, type Machine } from './machine.js';
import {
  BLOCK_SIZE,
  PROBE_REQUESTS,
  type ScaleMeasurement,
  type SizeMeasurement,
} from './measureScale.js';

/** The issue's target: p50 and p99 at the large size within this factor of the small size. */
export const TARGET_RATIO = 1.5;

export interface ScaleRun extends ScaleMeasurement {
  date: Date;
  machine: Machine;
  postgres: string;
  seed: number;
  warmup: number;
}

interface Row {
  figure: string;
  small: number;
  large: number;
  /** Latency rows the target applies to. */
  targeted: boolean;
  unit: 'ms' | '/s';
}

const people = (n: number) => n.toLocaleString('en-US');
const ratioOf = (row: Row) => row.large / row.small;

function rowsOf(run: ScaleRun): Row[] {
  const phase = (label: string, pick: (m: SizeMeasurement) => LatencySummary): Row[] => {
    const s = pick(run.small);
    const l = pick(run.large);
    const name = `${label} (${s.requests} requests, concurrency ${s.concurrency})`;
    return [
      { figure: `${name} p50`, small: s.p50, large: l.p50, targeted: true, unit: 'ms' },
      { figure: `${name} p90`, small: s.p90, large: l.p90, targeted: false, unit: 'ms' },
      { figure: `${name} p99`, small: s.p99, large: l.p99, targeted: true, unit: 'ms' },
      { figure: `${name} mean`, small: s.mean, large: l.mean, targeted: false, unit: 'ms' },
      {
        figure: `${name} requests/s`,
        small: s.perSecond,
        large: l.perSecond,
        targeted: false,
        unit: '/s',
      },
    ];
  };
  return [...phase('sequential', (m) => m.sequential), ...phase('concurrent', (m) => m.concurrent)];
}

/** The targeted figures that exceed the target ratio; empty when the target is met. */
export function missedTargets(run: ScaleRun): string[] {
  return rowsOf(run)
    .filter((row) => row.targeted && !(ratioOf(row) <= TARGET_RATIO))
    .map((row) => `${row.figure} ×${ratioOf(row).toFixed(2)}`);
}

/**
 * Departments whose most statements for one request differ between the sizes. With a loader
 * per request the count follows the shape of a person's record, not the size of the world, so
 * a difference is either a shape one sample missed or work that grows with the data.
 */
export function statementDifferences(run: ScaleRun): string[] {
  return run.large.statements.flatMap((l) => {
    const s = run.small.statements.find((x) => x.department === l.department);
    return s && l.max !== s.max ? [`${l.department} (max ${s.max} → ${l.max})`] : [];
  });
}

const value = (n: number, unit: Row['unit']) =>
  `${n.toFixed(unit === 'ms' ? 1 : 0)}${unit === 'ms' ? ' ms' : '/s'}`;
const statementCell = (s: { mean: number; min: number; max: number } | undefined) =>
  s ? `${s.mean.toFixed(1)} (${s.min}–${s.max})` : '—';
const seedingOf = (m: SizeMeasurement) =>
  m.seeded.length === 0
    ? 'reused'
    : `${(m.seeded.reduce((sum, d) => sum + d.ms, 0) / 1000).toFixed(0)} s (${m.seeded.map((d) => `${d.name} ${(d.ms / 1000).toFixed(0)} s`).join(', ')})`;

function statementRows(run: ScaleRun): string[][] {
  return run.small.statements.map((s) => [
    s.department,
    statementCell(s),
    statementCell(run.large.statements.find((l) => l.department === s.department)),
  ]);
}

/** The figures as a plain-text table for the terminal. */
export function formatConsoleReport(run: ScaleRun): string {
  const rows = rowsOf(run);
  const width = Math.max(...rows.map((r) => r.figure.length)) + 2;
  const head = `${''.padEnd(width)}${people(run.small.people).padStart(12)}${people(run.large.people).padStart(14)}${'ratio'.padStart(9)}`;
  const lines = rows.map(
    (r) =>
      `${r.figure.padEnd(width)}${value(r.small, r.unit).padStart(12)}${value(r.large, r.unit).padStart(14)}${`×${ratioOf(r).toFixed(2)}`.padStart(9)}${r.targeted ? (ratioOf(r) <= TARGET_RATIO ? '  ok' : '  MISSED') : ''}`,
  );
  const statements = statementRows(run).map(
    ([d, s, l]) => `  ${(d ?? '').padEnd(14)}${(s ?? '').padStart(16)}${(l ?? '').padStart(16)}`,
  );
  const missed = missedTargets(run);
  return [
    head,
    ...lines,
    '',
    'SQL statements per request, mean (min–max):',
    ...statements,
    '',
    missed.length === 0
      ? `Target met: p50 and p99 within ×${TARGET_RATIO} in both phases.`
      : `Target MISSED: ${missed.join('; ')}.`,
  ].join('\n');
}

/** The dated entry for docs/benchmarks.md. */
export function formatMarkdownEntry(run: ScaleRun): string {
  const { small, large } = run;
  const missed = missedTargets(run);
  const differences = statementDifferences(run);
  const stamp = `${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return [
    `### ${stamp}: ${people(small.people)} vs ${people(large.people)} people, target ${missed.length === 0 ? 'met' : 'missed'}`,
    '',
    `- Machine: ${formatMachine(run.machine)}; Node ${run.machine.node}; ${run.postgres} on the same machine.`,
    `- Worlds: ${people(small.people)} and ${people(large.people)} people, seed ${run.seed}; each department in its own PostgreSQL database, VACUUM ANALYZE after the load.`,
    `- Load: both hubs running side by side; ${run.warmup} warm-up requests each, then each phase below alternating between them every ${BLOCK_SIZE} requests; people drawn uniformly from each world; each request timed by a separate client process from sending to the parsed answer. Every answer had \`data.person\` and no errors.`,
    `- Seeding: ${people(small.people)} ${seedingOf(small)}; ${people(large.people)} ${seedingOf(large)}.`,
    `- Load average (1 min) before → after measuring: ${run.loadAverage[0].toFixed(2)} → ${run.loadAverage[1].toFixed(2)}.`,
    '',
    `| figure | ${people(small.people)} | ${people(large.people)} | ratio |`,
    '|---|---:|---:|---:|',
    ...rowsOf(run).map(
      (r) =>
        `| ${r.figure} | ${value(r.small, r.unit)} | ${value(r.large, r.unit)} | ×${ratioOf(r).toFixed(2)}${r.targeted ? (ratioOf(r) <= TARGET_RATIO ? ' ✓' : ' ✗') : ''} |`,
    ),
    '',
    missed.length === 0
      ? `**Target met**: p50 and p99 at ${people(large.people)} people within ×${TARGET_RATIO} of ${people(small.people)}, sequential and concurrent.`
      : `**Target missed**: ${missed.join('; ')} (target ×${TARGET_RATIO}).`,
    '',
    `SQL statements per request by department, mean (min–max) over ${PROBE_REQUESTS} untimed requests: ${differences.length === 0 ? 'the most for one request is the same at both sizes in every department' : `the most for one request differs in ${differences.join(', ')}: a record shape one sample missed, or work that grows with the data`}.`,
    '',
    `| department | ${people(small.people)} | ${people(large.people)} |`,
    '|---|---:|---:|',
    ...statementRows(run).map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}
