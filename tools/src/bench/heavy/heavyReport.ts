import { ratio } from '../benchTargets.js';
import { formatMachine, type Machine } from '../machine.js';
import type { HeavyArgs } from './heavyArgs.js';
import type { HeavyRun } from './heavyMeasure.js';
import { HEAVY_VARIANTS } from './heavyVariants.js';

/** Everything one `npm run bench:heavy` recorded. */
export interface HeavyRecord {
  date: Date;
  machine: Machine;
  args: HeavyArgs;
  /** The answer every gateway gave, in bytes (identical data, checked before measuring). */
  answerBytes: number;
  /** The engine of govgraph's hub store (grants, audit log). */
  hubStore: string;
  versions: Record<string, string>;
  /** One-minute load average before and after measuring. */
  loadAverage: [number, number];
  runs: HeavyRun[];
}

const fixed = (n: number, digits: number) => (Number.isNaN(n) ? '—' : n.toFixed(digits));
const times = (n: number) => (Number.isNaN(n) ? '—' : `×${n.toFixed(2)}`);

export const HEAVY_COLUMNS = [
  'variant',
  'req/s',
  '÷ bare',
  'p50 ms',
  '÷ bare',
  'p99 ms',
  '÷ bare',
  'errors',
  'gw CPU ms/req',
  '÷ bare',
];

/** Each run's cells, its figures read against the bare gateway's of the same run. */
export function heavyRows(runs: readonly HeavyRun[]): string[][] {
  const bare = runs.find((r) => r.variant === 'bare');
  return runs.map(({ variant, result: r, cpuMsPerRequest }) => [
    variant,
    fixed(r.perSecond, 0),
    times(ratio(r.perSecond, bare?.result.perSecond)),
    fixed(r.p50, 1),
    times(ratio(r.p50, bare?.result.p50)),
    fixed(r.p99, 1),
    times(ratio(r.p99, bare?.result.p99)),
    String(r.errors),
    fixed(cpuMsPerRequest, 2),
    times(ratio(cpuMsPerRequest, bare?.cpuMsPerRequest)),
  ]);
}

/** The figures as aligned plain text for the terminal. */
export function formatHeavyConsole(record: HeavyRecord): string {
  const rows = [HEAVY_COLUMNS, ...heavyRows(record.runs)];
  const widths = HEAVY_COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return [
    `Heavy query, ${(record.answerBytes / 1000).toFixed(1)} KB answer, identical from every gateway:`,
    ...rows.map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    ),
  ].join('\n');
}

/** The dated entry for docs/benchmarks.md. */
export function formatHeavyEntry(record: HeavyRecord): string {
  const { args } = record;
  const stamp = `${record.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const rows = heavyRows(record.runs);
  return [
    `### ${stamp}: heavy query, ${(record.answerBytes / 1000).toFixed(1)} KB answer, Node ${record.machine.node}`,
    '',
    `- Machine: ${formatMachine(record.machine)}; Node ${record.machine.node}.`,
    `- govgraph's hub store (grants, audit log): ${record.hubStore}.`,
    `- Versions: ${Object.entries(record.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `- Load: autocannon in its own process on core 0 with the subgraphs, each gateway in its own process pinned to core 1; ${args.connections} connections, ${args.durationSeconds} s per variant in ${args.rounds} blocks alternating between the variants; load average (1 min) ${record.loadAverage[0].toFixed(2)} → ${record.loadAverage[1].toFixed(2)}.`,
    ...record.runs.map((r) => `- \`${r.variant}\`: ${HEAVY_VARIANTS[r.variant].title}.`),
    '',
    `| ${HEAVY_COLUMNS.join(' | ')} |`,
    `|${HEAVY_COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
