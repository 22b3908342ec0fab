import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openHubStore, verifyAuditChain } from '@govgraph/governance';
import { createTestDatabase, TEST_POSTGRES_URL } from '@govgraph/testing';
import { REPO_ROOT } from '../paths.js';
import type { WriterJob, WriterResult } from './auditWriter.js';
import { commitOf } from './commitOf.js';
import { describeMachine, formatMachine } from './machine.js';

// `npm run bench:audit`: how many audit appends per second the hash chain takes on PostgreSQL,
// with one and with two gateway instances (processes, each with its own connection pool and
// group-committing audit log) writing into one hub store at once. Each scenario runs on a fresh
// database created on TEST_POSTGRES_URL (dropped after), then the chain is verified whole.
// docs/scaling.md records the figures and what they mean.

const WRITER = fileURLToPath(new URL('./auditWriter.ts', import.meta.url));
const USAGE =
  'usage: npm run bench:audit [-- --seconds <1-60>]  (length of each scenario, default 5)';

interface Scenario {
  writers: number;
  /** Requests in flight per writer: 1 is a transaction per append, more lets appends group. */
  concurrency: number;
}

const SCENARIOS: readonly Scenario[] = [
  { writers: 1, concurrency: 1 },
  { writers: 2, concurrency: 1 },
  { writers: 1, concurrency: 32 },
  { writers: 2, concurrency: 32 },
  { writers: 1, concurrency: 256 },
  { writers: 2, concurrency: 256 },
];

function secondsArg(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { seconds: { type: 'string' } } });
  const seconds = Number(values.seconds ?? '5');
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
    console.error(USAGE);
    process.exit(2);
  }
  return seconds;
}

/** Runs one writer process (children inherit tsx through execArgv) and resolves its result. */
function runWriter(job: WriterJob): Promise<WriterResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WRITER, { stdio: 'inherit' });
    child.once('message', (result) => resolve(result as WriterResult));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`audit writer exited with ${code}`));
    });
    child.send(job);
  });
}

async function runScenario(scenario: Scenario, seconds: number): Promise<string> {
  const database = await createTestDatabase('postgres', 'bench_audit');
  try {
    const url = database.options.url ?? '';
    // Migrate once before the writers start, so they measure appends, not migrations.
    await (await openHubStore({ url, sqliteFile: '' })).close();
    const startAt = Date.now() + 1500;
    const results = await Promise.all(
      Array.from({ length: scenario.writers }, () =>
        runWriter({ url, startAt, seconds, concurrency: scenario.concurrency }),
      ),
    );
    const store = await openHubStore({ url, sqliteFile: '' });
    const verdict = await verifyAuditChain(store);
    await store.close();
    const appends = results.reduce((sum, r) => sum + r.appends, 0);
    const failures = results.reduce((sum, r) => sum + r.failures, 0);
    const transactions = results.reduce((sum, r) => sum + r.transactions, 0);
    const wall = Math.max(...results.map((r) => r.seconds));
    const perWriter = results.map((r) => Math.round(r.appends / r.seconds)).join(' + ');
    return [
      `| ${scenario.writers} | ${scenario.concurrency}`,
      `${Math.round(appends / wall)} (${perWriter})`,
      `${Math.round(transactions / wall)}`,
      `${(appends / Math.max(1, transactions)).toFixed(1)}`,
      `${failures}`,
      `${verdict.ok ? `intact, ${appends} records` : `BROKEN at ${verdict.seq}`} |`,
    ].join(' | ');
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const seconds = secondsArg(process.argv.slice(2));
  const machine = describeMachine();
  console.log(
    `audit append throughput on PostgreSQL (${TEST_POSTGRES_URL.replace(/\/\/[^@]*@/, '//')})`,
  );
  console.log(
    `${new Date().toISOString()}, commit ${commitOf(REPO_ROOT)}, ${formatMachine(machine)}`,
  );
  console.log(`${seconds} s per scenario\n`);
  console.log(
    '| writers | requests in flight each | appends/s (per writer) | transactions/s | appends per transaction | failed | chain after |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const scenario of SCENARIOS) console.log(await runScenario(scenario, seconds));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
