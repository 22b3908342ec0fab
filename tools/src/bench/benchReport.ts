import type { BenchArgs } from './benchArgs.js';
import { checkTargets, memoryGrowth, ratio, runOf, type TargetCheck } from './benchTargets.js';
import type { GatewayMemoryRecord } from './gatewayFleet.js';
import { formatMachine, type Machine } from './machine.js';
import type { BenchMeasurement, BenchRun } from './measureBench.js';

/** Everything one `npm run bench` recorded. */
export interface BenchRecord extends BenchMeasurement {
  date: Date;
  machine: Machine;
  args: BenchArgs;
  /** `SQLite 3.x (embedded)` or `PostgreSQL 16.x`. */
  engine: string;
  /** Package versions that shape the figures. */
  versions: Record<string, string>;
  /** One-minute load average before and after measuring. */
  loadAverage: [number, number];
}

const fixed = (n: number | undefined, digits: number) =>
  n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);
const times = (n: number) => (Number.isNaN(n) ? '—' : `×${n.toFixed(2)}`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The table's cells for one run, against the bare gateway's run of the same scenario. */
export function rowCells(run: BenchRun, runs: readonly BenchRun[]): string[] {
  const bare = runOf(runs, run.scenario, 'bare');
  const base = bare?.result;
  const r = run.result;
  if (!r) return [run.scenario, run.variant, `skipped: ${run.skipped ?? 'not measured'}`];
  return [
    run.scenario,
    run.variant,
    run.target,
    fixed(r.perSecond, 0),
    times(ratio(r.perSecond, base?.perSecond)),
    fixed(r.p50, 1),
    times(ratio(r.p50, base?.p50)),
    fixed(r.p99, 1),
    times(ratio(r.p99, base?.p99)),
    String(r.errors),
    fixed(run.statementsPerRequest, 1),
    fixed(run.gatewayCpuMsPerRequest, 2),
    times(ratio(run.gatewayCpuMsPerRequest, bare?.gatewayCpuMsPerRequest)),
    fixed(run.departmentsCpuMsPerRequest, 2),
    times(ratio(run.departmentsCpuMsPerRequest, bare?.departmentsCpuMsPerRequest)),
  ];
}

export const COLUMNS = [
  'scenario',
  'variant',
  'target',
  'req/s',
  '÷ bare',
  'p50 ms',
  '÷ bare',
  'p99 ms',
  '÷ bare',
  'errors',
  'SQL/req',
  'gw CPU ms/req',
  '÷ bare',
  'dept CPU ms/req',
  '÷ bare',
];

const mark = (check: TargetCheck) =>
  check.met === undefined ? 'not measured' : check.met ? 'met' : 'MISSED';

/** Pads every column of `rows` (the first being the header) to its widest cell. */
export function alignColumns(rows: readonly string[][]): string[] {
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function statementLines(record: BenchRecord): string[][] {
  const departments = record.statements[0]?.use.map((u) => u.department) ?? [];
  return [
    ['scenario', ...departments],
    ...record.statements.map((s) => [
      s.scenario,
      ...departments.map((d) => {
        const use = s.use.find((u) => u.department === d);
        return use ? `${use.mean.toFixed(1)} (${use.min}–${use.max})` : '—';
      }),
    ]),
  ];
}

function samplesOf(m: GatewayMemoryRecord): string {
  const rss = m.samples.map((s) => s.rss);
  return rss.length === 0
    ? ''
    : ` (${rss.length} samples under load: ${mib(Math.min(...rss))}–${mib(Math.max(...rss))})`;
}

function memoryLines(record: BenchRecord): string[] {
  return record.memory.map(
    (m) =>
      `${m.process} (pid ${m.pid}): RSS ${mib(m.start.rss)} at start → ${mib(m.end.rss)} at end${samplesOf(m)}; heap ${mib(m.start.heapUsed)} → ${mib(m.end.heapUsed)}; under load, last tenth ÷ first tenth ${times(memoryGrowth(m))}`,
  );
}

/** The figures as plain text for the terminal. */
export function formatConsoleReport(record: BenchRecord): string {
  return [
    ...alignColumns([COLUMNS, ...record.runs.map((run) => rowCells(run, record.runs))]),
    '',
    'SQL statements per request by department, mean (min–max), counted one request at a time:',
    ...statementLines(record).map((row) =>
      `  ${row.map((c, i) => c.padEnd(i === 0 ? 20 : 13)).join(' ')}`.trimEnd(),
    ),
    '',
    'Gateway memory:',
    ...memoryLines(record).map((line) => `  ${line}`),
    '',
    'Targets:',
    ...checkTargets(record, record.args.long).map(
      (c) => `  ${mark(c).padEnd(12)} ${c.target}: ${c.measured}`,
    ),
  ].join('\n');
}

/** The dated entry for docs/benchmarks.md. */
export function formatMarkdownEntry(record: BenchRecord): string {
  const { args } = record;
  const checks = checkTargets(record, args.long);
  const missed = checks.filter((c) => c.met === false).length;
  const stamp = `${record.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const table = (rows: string[][]) => [
    `| ${rows[0]?.join(' | ')} |`,
    `|${rows[0]?.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`,
    ...rows.slice(1).map((row) => `| ${row.join(' | ')} |`),
  ];
  return [
    `### ${stamp}: ${args.long ? 'memory run, ' : ''}${args.people.toLocaleString('en-US')} people on ${record.engine}, ${missed === 0 ? 'no target missed' : `${missed} target${missed > 1 ? 's' : ''} missed`}`,
    '',
    `- Machine: ${formatMachine(record.machine)}; Node ${record.machine.node}.`,
    `- Versions: ${Object.entries(record.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `- Dataset: ${args.people.toLocaleString('en-US')} people, seed ${args.seed}; departments in the benchmark process on ${record.engine}; the hub store (grants, audit log) starts empty.`,
    `- Load: autocannon in its own process, ${args.connections} connections, ${args.durationSeconds} s per scenario and variant in ${args.rounds} blocks alternating between the variants; each gateway in its own process; load average (1 min) ${record.loadAverage[0].toFixed(2)} → ${record.loadAverage[1].toFixed(2)}.`,
    '',
    ...table([COLUMNS, ...record.runs.map((run) => rowCells(run, record.runs))]),
    '',
    'SQL statements per request by department, mean (min–max), one request at a time:',
    '',
    ...table(statementLines(record)),
    '',
    ...memoryLines(record).map((line) => `- ${line}`),
    '',
    ...checks.map((c) => `- Target ${mark(c)}: ${c.target}: ${c.measured}.`),
  ].join('\n');
}
