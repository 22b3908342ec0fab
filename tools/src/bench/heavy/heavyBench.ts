import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@govgraph/server';
import { REPO_ROOT } from '../../paths.js';
import { databaseUrl, ensureDatabase, serverVersion } from '../benchDatabases.js';
import { appendBenchmarkEntry } from '../benchmarksDoc.js';
import { commitOf } from '../commitOf.js';
import { describeMachine } from '../machine.js';
import { pinToCore } from '../pinToCore.js';
import { formatProfiles } from '../profileSummary.js';
import { startLoadClient } from '../runAutocannon.js';
import { HEAVY_USAGE, type HeavyArgs, parseHeavyArgs } from './heavyArgs.js';
import {
  checkIdenticalAnswers,
  type HeavyGateway,
  startHeavyGateways,
  stopHeavyGateways,
} from './heavyGateways.js';
import { type HeavyGovgraph, prepareHeavyGovgraph } from './heavyGovgraph.js';
import { measureHeavy } from './heavyMeasure.js';
import { HEAVY_BODY } from './heavyQuery.js';
import { formatHeavyConsole, formatHeavyEntry, type HeavyRecord } from './heavyReport.js';
import { type HeavySubgraphs, startHeavySubgraphs } from './heavySubgraphs.js';
import { HEAVY_VARIANTS } from './heavyVariants.js';

// `npm run bench:heavy -- [--duration 10] [--variants bare,hive,...]`: issue #14 §2, the heavy
// query of The Guild's federation benchmark through govgraph and its peers, in one run.
const DOC = join(REPO_ROOT, 'docs/benchmarks.md');
const RESULTS = join(REPO_ROOT, 'bench-results', 'heavy');
const SECTION = {
  heading: 'Heavy query: govgraph against its peers',
  intro: `\`npm run bench:heavy\` starts four subgraphs (products, reviews, inventory, accounts:
plain \`@apollo/subgraph\` servers over deterministic in-memory data, in the shape of The
Guild's federation benchmark) and sends one query whose answer is about 88 KB through each
gateway: bare \`@apollo/gateway\` (the baseline), Hive Gateway with its default JavaScript runtime
and with its Rust query planner (\`@graphql-hive/router-runtime\`), and govgraph's gateway with
access, caller tokens and audit on and caches off. Each gateway runs in its own process pinned to
one core; autocannon and the subgraphs share the other. Every gateway's answer is checked
identical (canonical JSON) before any load. Figures are ratios to the bare gateway of the same
run (issue #14 target: govgraph ≥ Hive Gateway JS). Raw figures: \`bench-results/heavy/*.json\`.`,
};
// The gateways get core 1 to themselves; the load generator and subgraphs share core 0.
const LOAD_CORE = 0;
const GATEWAY_CORE = 1;
const WARM_UP_SECONDS = 2;
const HUB_DATABASE = 'govgraph_heavy_hub';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HEAVY_USAGE);
  process.exit(0);
}

let args: HeavyArgs;
try {
  args = parseHeavyArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const log = (line: string) => console.log(line);
const version = (pkg: string) =>
  (
    JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/** Where govgraph's gateway keeps grants and the audit log: a fresh SQLite file, or PostgreSQL. */
async function hubStore(postgres: boolean): Promise<{ url?: string; engine: string }> {
  if (!postgres)
    return { engine: `SQLite (embedded, better-sqlite3 ${version('better-sqlite3')})` };
  const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  await ensureDatabase(serverUrl, HUB_DATABASE);
  return { url: databaseUrl(serverUrl, HUB_DATABASE), engine: await serverVersion(serverUrl) };
}
const pinned = availableParallelism() > GATEWAY_CORE;
if (pinned) pinToCore(process.pid, LOAD_CORE);
else log('One core only: the gateways are not pinned.');

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const runDir = join(RESULTS, stamp);
mkdirSync(runDir, { recursive: true });
const variants = args.variants.map((name) => HEAVY_VARIANTS[name]);
const profileDir = args.profile ? join(RESULTS, 'profiles', stamp) : undefined;
let subgraphs: HeavySubgraphs | undefined;
let govgraph: HeavyGovgraph | undefined;
let gateways: HeavyGateway[] = [];
const load = startLoadClient();
try {
  subgraphs = await startHeavySubgraphs();
  const supergraphPath = join(runDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, subgraphs.supergraphSdl);
  const hub = await hubStore(args.postgres);
  govgraph = await prepareHeavyGovgraph(subgraphs.supergraphSdl, runDir, hub.url);
  log(`Starting ${variants.map((v) => v.name).join(', ')}…`);
  gateways = await startHeavyGateways(
    variants,
    {
      supergraphPath,
      subgraphUrls: subgraphs.urls,
      subgraphHeaders: {},
      govgraph: govgraph.settings,
      ...(profileDir ? { profileDir } : {}),
    },
    govgraph.callerHeaders,
    pinned ? GATEWAY_CORE : undefined,
  );
  const answerBytes = await checkIdenticalAnswers(gateways);
  log(`Every gateway answers the same ${answerBytes} bytes. Warming up…`);
  for (const gateway of gateways) {
    await load.run({
      url: gateway.process.graphqlUrl,
      connections: args.connections,
      durationSeconds: WARM_UP_SECONDS,
      requests: [{ headers: gateway.headers, body: HEAVY_BODY }],
      startAt: 0,
    });
  }
  const before = loadavg()[0] ?? Number.NaN;
  const runs = await measureHeavy({ gateways, load, ...args, log });
  const record: HeavyRecord = {
    date: new Date(),
    machine: describeMachine(),
    args,
    answerBytes,
    hubStore: hub.engine,
    versions: {
      govgraph: commitOf(REPO_ROOT),
      ...Object.fromEntries(
        [
          '@apollo/gateway',
          '@graphql-hive/gateway',
          '@graphql-hive/router-runtime',
          '@graphql-hive/router-query-planner',
          'graphql',
          'autocannon',
        ].map((p) => [p, version(p)]),
      ),
    },
    loadAverage: [before, loadavg()[0] ?? Number.NaN],
    runs,
  };
  console.log(`\n${formatHeavyConsole(record)}`);
  if (args.record) {
    const file = join(RESULTS, `heavy-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    appendBenchmarkEntry(DOC, SECTION, formatHeavyEntry(record));
    console.log(`\nRecorded in ${DOC} and ${file}.`);
  }
} finally {
  await load.stop();
  // Each gateway writes its profile as it stops.
  await stopHeavyGateways(gateways);
  await govgraph?.close();
  await subgraphs?.stop();
}
if (profileDir) console.log(`\n${formatProfiles(profileDir)}`);
