import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createWorld } from '@govgraph/datagen';
import { countTokens, DEFAULT_REQUEST_LIMITS, measureDocument } from '@govgraph/gateway';
import { parse } from 'graphql';
import { departments } from '../departments.js';
import { hubConfig } from '../hubConfig.js';
import { REPO_ROOT } from '../paths.js';
import { startHub } from '../startHub.js';
import { registerSyntheticAgency, syntheticAgencyHeaders } from '../syntheticAgency.js';
import { commitOf } from './commitOf.js';
import { describeMachine, formatMachine } from './machine.js';

// `npm run bench:limits`: issue #11's oversized requests against the whole hub (SQLite, caches
// off, default limits), each sent by 4 (`--clients`) concurrent clients for 3 s while another probes
// /health every 10 ms. Prints how fast each is refused and how /health answers meanwhile. The
// clients run on a worker thread: the gateway's event loop (the main thread) is what is measured.

const PEOPLE = 2000;
const SECONDS = 3;
const USAGE =
  'usage: npm run bench:limits [-- --clients <1-32>]  (concurrent clients per request, default 4)';

/** `--clients <n>`: how many clients send each oversized request at once. */
function clientsArg(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { clients: { type: 'string' } } });
  const clients = Number(values.clients ?? '4');
  if (!Number.isInteger(clients) || clients < 1 || clients > 32) {
    console.error(USAGE);
    process.exit(2);
  }
  return clients;
}
const AGENCY = {
  id: 'limits-bench',
  name: 'Limits benchmark',
  purpose: 'LIMITS_BENCH',
  description: 'The limits benchmark over synthetic data.',
};

function representedChain(rounds: number): string {
  let inner = 'name';
  for (let i = 0; i < rounds; i++) {
    inner = `representedEntities { nodes { legalRepresentative { ${inner} } } }`;
  }
  return `query Deep($id: NationalId!) { person(nationalId: $id) { ${inner} } }`;
}

interface Scenario {
  name: string;
  body: string;
}

function scenarios(nationalId: string): Scenario[] {
  const aliases = Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ');
  return [
    {
      name: 'depth 25 (representedEntities chain)',
      body: JSON.stringify({ query: representedChain(8), variables: { id: nationalId } }),
    },
    { name: '5,000 aliases', body: JSON.stringify({ query: `{ ${aliases} }` }) },
    {
      name: '10,000 tokens',
      body: JSON.stringify({ query: `{ ${'__typename '.repeat(9_998)}}` }),
    },
  ];
}

// Plain JavaScript for the worker thread: the clients and the /health probe.
const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, scenarios, seconds, clients } = workerData;
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };
const summary = (xs) => ({ n: xs.length, p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), max: Math.max(...xs) });
async function timed(fn) { const t = performance.now(); const r = await fn(); return [performance.now() - t, r]; }
async function probe(until) {
  const out = [];
  while (performance.now() < until) {
    const [ms, status] = await timed(() => fetch(url + '/health').then((r) => r.text().then(() => r.status)));
    if (status === 200) out.push(ms);
    await new Promise((r) => setTimeout(r, 10));
  }
  return out;
}
async function attack(scenario, until, codes) {
  const out = [];
  while (performance.now() < until) {
    const [ms, code] = await timed(() => fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: scenario.body })
      .then((r) => r.json()).then((b) => b.errors?.[0]?.extensions?.code ?? 'none'));
    out.push(ms);
    codes[code] = (codes[code] ?? 0) + 1;
  }
  return out;
}
(async () => {
  // Warm-up: connections, JIT, Apollo's caches.
  for (const scenario of scenarios) await attack(scenario, performance.now() + 300, {});
  await probe(performance.now() + 300);
  const idle = await probe(performance.now() + 2000);
  const results = [];
  for (const scenario of scenarios) {
    const until = performance.now() + seconds * 1000;
    const codes = {};
    const [health, ...attacks] = await Promise.all([probe(until), ...Array.from({ length: clients }, () => attack(scenario, until, codes))]);
    results.push({ name: scenario.name, codes, refusal: summary(attacks.flat()), health: summary(health) });
  }
  parentPort.postMessage({ idle: summary(idle), results });
})();
`;

interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

interface Report {
  idle: Summary;
  results: { name: string; codes: Record<string, number>; refusal: Summary; health: Summary }[];
}

/**
 * What the gateway's edge check costs for one request, on this thread alone: tokens counted up
 * to the limit, and (when under it) the parse and measure. Mean of 200 runs after 50 of warm-up.
 */
function checkCost(scenario: Scenario): number {
  const { query } = JSON.parse(scenario.body) as { query: string };
  const check = () => {
    if (countTokens(query, DEFAULT_REQUEST_LIMITS.maxTokens) <= DEFAULT_REQUEST_LIMITS.maxTokens) {
      measureDocument(parse(query, { noLocation: true }));
    }
  };
  for (let i = 0; i < 50; i++) check();
  const start = performance.now();
  for (let i = 0; i < 200; i++) check();
  return (performance.now() - start) / 200;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function formatReport(report: Report, costs: readonly number[]): string {
  const rows = [
    '| request | check alone | answers (code × count) | refused in p50 / p99 / max | `/health` p50 / p99 / max |',
    '| --- | --- | --- | --- | --- |',
    `| none (idle) | | | | ${ms(report.idle.p50)} / ${ms(report.idle.p99)} / ${ms(report.idle.max)} |`,
  ];
  for (const [i, r] of report.results.entries()) {
    const codes = Object.entries(r.codes)
      .map(([code, count]) => `${code} × ${count}`)
      .join(', ');
    rows.push(
      `| ${r.name} | ${(costs[i] ?? Number.NaN).toFixed(2)} ms | ${codes} | ${ms(r.refusal.p50)} / ${ms(r.refusal.p99)} / ${ms(r.refusal.max)} | ${ms(r.health.p50)} / ${ms(r.health.p99)} / ${ms(r.health.max)} |`,
    );
  }
  return rows.join('\n');
}

async function main(clients: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-limits-bench-'));
  const env: Record<string, string> = {
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_PEOPLE: String(PEOPLE),
    GOVGRAPH_SEED: '42',
  };
  for (const department of departments) env[`${department.envPrefix}_PORT`] = '0';
  const config = hubConfig(departments, env);
  const hub = await startHub({ departments, config, createWorld, cache: { enabled: false } });
  try {
    const apiKey = await registerSyntheticAgency(
      hub.services,
      readFileSync(config.gateway.supergraphPath, 'utf8'),
      AGENCY,
    );
    const world = createWorld({ seed: 42, people: PEOPLE });
    const nationalId = world.person(world.company(0).representativeIndex).nationalId;
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const report = await new Promise<Report>((resolve, reject) => {
      const worker = new Worker(CLIENTS, {
        eval: true,
        workerData: {
          url: hub.gatewayUrl,
          headers: syntheticAgencyHeaders(AGENCY, apiKey),
          scenarios: scenarios(nationalId),
          seconds: SECONDS,
          clients,
        },
      });
      worker.once('message', (message: Report) => resolve(message));
      worker.once('error', reject);
    });
    console.log(
      `Limits benchmark, ${new Date().toISOString().slice(0, 10)}, commit ${commitOf(REPO_ROOT)}\n` +
        `${formatMachine(describeMachine())}, Node ${process.version}; ${PEOPLE} people on SQLite, caches off, ` +
        `default limits; ${clients} client(s) per request for ${SECONDS} s, /health probed every 10 ms; ` +
        `load average before the run ${load}.\n`,
    );
    console.log(formatReport(report, scenarios(nationalId).map(checkCost)));
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main(clientsArg(process.argv.slice(2)));
