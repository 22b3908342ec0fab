import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createWorld } from '@govgraph/datagen';
import { UsageError } from '@govgraph/server';
import { composeDepartments } from '../composeDepartments.js';
import { departments } from '../departments.js';
import { hubConfig } from '../hubConfig.js';
import { REPO_ROOT } from '../paths.js';
import { type Hub, startHub } from '../startHub.js';
import { registerBenchAgency } from './benchAgency.js';
import { BENCH_USAGE, type BenchArgs, parseBenchArgs } from './benchArgs.js';
import { benchHubEnv, freshHubStore } from './benchHubEnv.js';
import { appendBenchmarkEntry } from './benchmarksDoc.js';
import { type BenchRecord, formatConsoleReport, formatMarkdownEntry } from './benchReport.js';
import { benchSettings, FIXED_TOKEN_TTL_SECONDS } from './benchSettings.js';
import { checkTargets } from './benchTargets.js';
import { commitOf } from './commitOf.js';
import type { GovgraphSettings } from './gatewayJob.js';
import { describeMachine } from './machine.js';
import { measureBench } from './measureBench.js';
import { formatProfiles } from './profileSummary.js';
import { scenarios } from './scenarios.js';
import { VARIANTS } from './variants.js';

// `npm run bench -- [--duration 3] [--variants bare,govgraph] ...`: issue #6. Exits 1 when a
// target is missed (the figures are still recorded).
const DOC = join(REPO_ROOT, 'docs/benchmarks.md');
const RESULTS = join(REPO_ROOT, 'bench-results');
const SECTION = {
  heading: 'Gateway: govgraph against a bare @apollo/gateway and the departments themselves',
  intro: `\`npm run bench\` starts the departments (embedded SQLite, or PostgreSQL with \`--postgres\`),
each gateway variant in its own process, and autocannon in another, all on loopback; every
scenario runs against every variant in one run, and each figure is read against the bare
\`@apollo/gateway\` + \`@apollo/server\` of the same run (the floor); the root department queried
directly with its part of the query is the ceiling. Targets (issues #5, #6): govgraph with caches
off at least ×0.9 the bare gateway's requests/s on the citizen record; warm entity cache ×3 and
warm response cache ×10 on the citizen record and the list; SQL statements per request constant
in list length; gateway RSS flat over the 10-minute \`--long\` run. Raw figures: \`bench-results/*.json\`.`,
};

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(BENCH_USAGE);
  process.exit(0);
}

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const composition = composeDepartments(departments);
if (!composition.supergraphSdl) {
  console.error(
    `The departments do not compose:\n${composition.errors.map((e) => e.message).join('\n')}`,
  );
  process.exit(1);
}
mkdirSync(RESULTS, { recursive: true });
const supergraphPath = join(RESULTS, 'supergraph.graphql');
writeFileSync(supergraphPath, composition.supergraphSdl);
const log = (line: string) => console.log(line);
const version = (pkg: string) =>
  (
    JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

const runStamp = new Date().toISOString().replace(/[:.]/g, '-');
const { env, engine } = await benchHubEnv({
  departments,
  postgres: args.postgres,
  people: args.people,
  seed: args.seed,
  dataRoot: join(RESULTS, 'data'),
  sqliteVersion: version('better-sqlite3'),
  log,
});
const config = hubConfig(departments, {
  ...env,
  ...Object.fromEntries(departments.map((d) => [`${d.envPrefix}_PORT`, '0'])),
  GATEWAY_PORT: '0',
  GATEWAY_HOST: '127.0.0.1',
  SUPERGRAPH_PATH: supergraphPath,
  GOVGRAPH_PEOPLE: String(args.people),
  GOVGRAPH_SEED: String(args.seed),
  LOG_LEVEL: 'warn',
});
freshHubStore(config.hub.database);
let hub: Hub | undefined;
try {
  const started = performance.now();
  hub = await startHub({
    departments,
    createWorld,
    config,
    callerTokenMaxLifetimeSeconds: FIXED_TOKEN_TTL_SECONDS,
  });
  // Registered in the hub's store before any gateway variant starts (each reads it at start).
  const apiKey = await registerBenchAgency(hub.services, composition.supergraphSdl);
  // The govgraph variants read grants from, and audit into, the hub's own store, and sign
  // with the hub's key of this start, as the hub's gateway does.
  const govgraph: GovgraphSettings = {
    auditStore: config.hub.database,
    audience: config.hub.access.audience,
    callerTokenPrivateKey: hub.callerTokenKeys.privateJwk,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    keyPrefix: `govgraph-bench:${runStamp}`,
  };
  const settings = await benchSettings({
    apiKey,
    callerTokenPrivateKey: hub.callerTokenKeys.privateJwk,
  });
  log(`Departments ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  const profileDir = args.profile ? join(RESULTS, 'profiles', runStamp) : undefined;
  const all = scenarios();
  const before = loadavg()[0] ?? Number.NaN;
  const measured = await measureBench({
    departments: hub.departments,
    supergraphPath,
    world: createWorld({ seed: args.seed, people: args.people }),
    seed: args.seed,
    scenarios: args.scenarios.map((name) => all[name]),
    variants: args.variants.map((name) => VARIANTS[name]),
    durationSeconds: args.durationSeconds,
    rounds: args.rounds,
    connections: args.connections,
    govgraph,
    ...settings,
    ...(profileDir ? { profileDir } : {}),
    log,
  });
  const record: BenchRecord = {
    date: new Date(),
    machine: describeMachine(),
    args,
    engine,
    versions: {
      govgraph: commitOf(REPO_ROOT),
      ...Object.fromEntries(
        ['@apollo/gateway', '@apollo/server', 'graphql', 'autocannon'].map((p) => [p, version(p)]),
      ),
    },
    loadAverage: [before, loadavg()[0] ?? Number.NaN],
    ...measured,
  };
  console.log(`\n${formatConsoleReport(record)}`);
  if (profileDir) console.log(`\n${formatProfiles(profileDir)}`);
  if (args.record) {
    const file = join(RESULTS, `bench-${record.date.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    appendBenchmarkEntry(DOC, SECTION, formatMarkdownEntry(record));
    console.log(`\nRecorded in ${DOC} and ${file}.`);
  }
  if (checkTargets(record, args.long).some((c) => c.met === false)) process.exitCode = 1;
} finally {
  await hub?.stop();
}
