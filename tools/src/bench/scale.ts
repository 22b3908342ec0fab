import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@govgraph/server';
import { composeDepartments } from '../composeDepartments.js';
import { departments } from '../departments.js';
import { REPO_ROOT } from '../paths.js';
import { serverVersion } from './benchDatabases.js';
import { appendBenchmarkEntry } from './benchmarksDoc.js';
import { describeMachine } from './machine.js';
import { measureScale } from './measureScale.js';
import { parseScaleArgs, type ScaleArgs } from './scaleArgs.js';
import {
  formatConsoleReport,
  formatMarkdownEntry,
  missedTargets,
  TARGET_RATIO,
} from './scaleReport.js';

// `npm run bench:scale -- [--small 10000] [--large 1000000] ...`: issue #3, "Scale". Exits 1
// when the target is missed (the figures are still recorded) and throws on any failed request.
const DOC = join(REPO_ROOT, 'docs/benchmarks.md');
const SECTION = {
  heading: 'Scale: the citizen record at 10,000 and 1,000,000 people',
  intro: `\`npm run bench:scale\` seeds one PostgreSQL database per department for a small and a large
world (\`--small 10000 --large 1000000\` by default; reused on later runs), starts the hub on each,
and sends the citizen record (\`citizen-record.graphql\`, every department) for people drawn
uniformly from the world: sequentially, then a few at a time. Target (issue #3): p50 and p99 at
the large size within ×${TARGET_RATIO} of the small size, and SQL statements per request that do not
depend on the size (every key and join column indexed, DataLoader in every department).`,
};

let args: ScaleArgs;
try {
  args = parseScaleArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// Composed now from the same department list the hub starts, so they cannot disagree.
const composition = composeDepartments(departments);
if (!composition.supergraphSdl) {
  console.error(
    `The departments do not compose:\n${composition.errors.map((e) => e.message).join('\n')}`,
  );
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'govgraph-bench-'));
const supergraphPath = join(dir, 'supergraph.graphql');
writeFileSync(supergraphPath, composition.supergraphSdl);
// Read at run time: the citizen record grows as departments join.
const query = readFileSync(join(REPO_ROOT, 'citizen-record.graphql'), 'utf8');

try {
  const machine = describeMachine();
  const postgres = await serverVersion(serverUrl);
  const measured = await measureScale({
    departments,
    serverUrl,
    supergraphPath,
    query,
    ...args,
    log: (line) => console.log(line),
  });
  // Stamped when the figures were measured, after any seeding.
  const run = {
    date: new Date(),
    machine,
    postgres,
    seed: args.seed,
    warmup: args.warmup,
    ...measured,
  };
  console.log(`\n${formatConsoleReport(run)}`);
  if (args.record) {
    appendBenchmarkEntry(DOC, SECTION, formatMarkdownEntry(run));
    console.log(`\nRecorded in ${DOC}.`);
  }
  if (missedTargets(run).length > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
