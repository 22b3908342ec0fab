import type { World } from '@govgraph/datagen';
import type { ScenarioName } from './benchArgs.js';
import { directRequests } from './directRequests.js';
import { type GatewayMemoryRecord, startGatewayFleet } from './gatewayFleet.js';
import type { LoadRunResult } from './loadRun.js';
import { type CountedDepartment, probeStatements } from './probeStatements.js';
import { runAutocannon } from './runAutocannon.js';
import {
  type BenchCaller,
  type BenchRequest,
  benchRng,
  LIST_SIZE,
  peopleListRequest,
  type Scenario,
} from './scenarios.js';
import { type SentRequest, sendAll } from './sendAll.js';
import { type StatementUse, statementsPerRequest } from './statementsPerRequest.js';
import { unavailableReason, type Variant } from './variants.js';

export interface BenchDepartment extends CountedDepartment {
  /** Its GraphQL URL, as the gateways reach it. */
  url: string;
}

export interface MeasureBenchOptions {
  departments: readonly BenchDepartment[];
  supergraphPath: string;
  world: World;
  seed: number;
  scenarios: readonly Scenario[];
  variants: readonly Variant[];
  durationSeconds: number;
  connections: number;
  /** Headers every subgraph request needs (the hub-context token); the direct variant sends them too. */
  subgraphHeaders: Record<string, string>;
  /** Headers a govgraph gateway needs from each kind of caller (API key, X-Purpose). */
  callerHeaders: Record<BenchCaller, Record<string, string>>;
  /** Settings for govgraph's gateway beyond the cache mode (access, audit). */
  govgraph: Record<string, unknown>;
  profileDir?: string;
  log: (line: string) => void;
}

/** One scenario under one variant. */
export interface BenchRun {
  scenario: ScenarioName;
  variant: Variant['name'];
  /** What the load went to: `gateway` or the department asked directly. */
  target: string;
  result?: LoadRunResult;
  /** SQL statements per answered request, all departments together, while the load ran. */
  statementsPerRequest?: number;
  /** Why it was not measured. */
  skipped?: string;
}

export interface BenchMeasurement {
  runs: BenchRun[];
  memory: GatewayMemoryRecord[];
  /** Statements per request by department and scenario, counted one request at a time. */
  statements: { scenario: string; use: StatementUse[] }[];
}

/** Distinct requests per scenario measured cold (and by the caches-off variants). */
export const POOL_SIZE = {
  'citizen-record': 2000,
  'people-list': 300,
  'company-search': 2000,
  mixed: 1500,
};
/** Distinct requests sent once before measuring a warm variant, then cycled through. */
export const WARM_SIZE = 200;
/** Untimed requests before each measured run (JIT, connection pools) and per statement probe. */
export const WARMUP_REQUESTS = 20;

/**
 * Starts every gateway variant in its own process, counts each scenario's statements, then
 * measures every scenario under every variant with autocannon from a separate process.
 */
export async function measureBench(options: MeasureBenchOptions): Promise<BenchMeasurement> {
  const { world, log } = options;
  const runnable = options.variants.filter((v) => !unavailableReason(v));
  const subgraphUrls = Object.fromEntries(options.departments.map((d) => [d.name, d.url]));
  const fleet = await startGatewayFleet(
    runnable,
    {
      supergraphPath: options.supergraphPath,
      subgraphUrls,
      subgraphHeaders: options.subgraphHeaders,
      govgraph: options.govgraph,
    },
    options.profileDir,
  );
  const runs: BenchRun[] = [];
  let memory: GatewayMemoryRecord[] = [];
  const statements: BenchMeasurement['statements'] = [];
  try {
    const headersFor = (variant: Variant, caller: BenchCaller) =>
      variant.target.kind === 'gateway' && variant.target.job.kind === 'govgraph'
        ? options.callerHeaders[caller]
        : {};
    const sendable = (variant: Variant, requests: readonly BenchRequest[]): SentRequest[] =>
      requests.map((r) => ({ headers: headersFor(variant, r.caller), body: r.body }));

    // Statements are counted through the first gateway: every variant asks the same fetches.
    const prober = runnable.find((v) => fleet.of(v));
    const probeUrl = prober && fleet.of(prober)?.graphqlUrl;
    if (prober && probeUrl) {
      const probe = async (name: string, requests: BenchRequest[]) => {
        const [first] = requests;
        const headers = first ? headersFor(prober, first.caller) : {};
        statements.push({
          scenario: name,
          use: await probeStatements(
            options.departments,
            probeUrl,
            headers,
            requests.map((r) => r.body),
          ),
        });
      };
      const rng = benchRng(options.seed, 90);
      for (const scenario of options.scenarios) {
        await probe(scenario.name, scenario.requests(world, rng, WARMUP_REQUESTS));
      }
      for (const size of [10, LIST_SIZE]) {
        await probe(
          `people-list of ${size}`,
          Array.from({ length: WARMUP_REQUESTS }, () => peopleListRequest(world, rng, size)),
        );
      }
    }

    for (const [index, scenario] of options.scenarios.entries()) {
      const pool = scenario.requests(
        world,
        benchRng(options.seed, 10 * index + 1),
        POOL_SIZE[scenario.name],
      );
      const warmSet = scenario.requests(world, benchRng(options.seed, 10 * index + 2), WARM_SIZE);
      const warmup = scenario.requests(
        world,
        benchRng(options.seed, 10 * index + 3),
        WARMUP_REQUESTS,
      );
      for (const variant of options.variants) {
        const reason = unavailableReason(variant);
        if (reason) {
          runs.push({
            scenario: scenario.name,
            variant: variant.name,
            target: '—',
            skipped: reason,
          });
          continue;
        }
        let url: string;
        let requests: SentRequest[];
        let target = 'gateway';
        const gateway = fleet.of(variant);
        if (gateway) {
          url = gateway.graphqlUrl;
          requests = sendable(variant, variant.warm ? warmSet : pool);
          await sendAll(url, sendable(variant, warmup));
          if (variant.warm) await sendAll(url, requests);
        } else {
          const department = options.departments.find((d) => d.name === scenario.rootDepartment);
          if (!department) throw new Error(`no department ${scenario.rootDepartment} is running`);
          const captured = await directRequests({
            supergraphPath: options.supergraphPath,
            subgraphUrls,
            subgraphHeaders: options.subgraphHeaders,
            requests: pool.slice(0, 300),
          });
          url = department.url;
          target = department.name;
          requests = captured
            .filter((c) => c.department === department.name)
            .map((c) => ({ headers: options.subgraphHeaders, body: c.body }));
          await sendAll(url, requests.slice(0, WARMUP_REQUESTS));
        }
        log(
          `  ${scenario.name} × ${variant.name}: ${options.durationSeconds} s, ${options.connections} connections`,
        );
        for (const department of options.departments) department.statements.reset();
        const stopSampling = fleet.sample(
          variant,
          Math.max(1000, (options.durationSeconds * 1000) / 20),
        );
        const result = await runAutocannon({
          url,
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          requests,
        }).finally(stopSampling);
        const sql = options.departments.reduce((sum, d) => sum + d.statements.total, 0);
        runs.push({
          scenario: scenario.name,
          variant: variant.name,
          target,
          result,
          statementsPerRequest: statementsPerRequest(sql, result.requests),
        });
        if (result.errors > 0)
          log(`    ${result.errors} errors, e.g. ${result.firstErrors.join(' | ')}`);
      }
    }
  } finally {
    memory = await fleet.stop();
  }
  return { runs, memory, statements };
}
