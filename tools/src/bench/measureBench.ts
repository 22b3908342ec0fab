import type { World } from '@govgraph/datagen';
import type { ScenarioName } from './benchArgs.js';
import { type GatewayFleet, type GatewayMemoryRecord, startGatewayFleet } from './gatewayFleet.js';
import type { GovgraphSettings } from './gatewayJob.js';
import type { LoadBlockResult, LoadRunResult } from './loadRun.js';
import { mergeBlocks } from './mergeBlocks.js';
import { type PreparedVariant, prepareVariant, roundOrder } from './prepareVariant.js';
import { type CountedDepartment, probeStatements } from './probeStatements.js';
import { quiesce } from './quiesce.js';
import { startLoadClient } from './runAutocannon.js';
import {
  type BenchCaller,
  benchRng,
  LIST_SIZE,
  peopleListRequest,
  type Scenario,
} from './scenarios.js';
import { type StatementUse, statementsPerRequest } from './statementsPerRequest.js';
import { requestHeaders, type Variant } from './variants.js';

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
  /** Each variant's duration is split into this many blocks, alternating between variants. */
  rounds: number;
  connections: number;
  /** Headers every subgraph request needs (the caller token); the direct variant sends them too. */
  subgraphHeaders: Record<string, string>;
  /** Headers a govgraph gateway needs from each kind of caller (API key, X-Purpose). */
  callerHeaders: Record<BenchCaller, Record<string, string>>;
  /** Settings for govgraph's gateway beyond the cache mode (audit store, Redis). */
  govgraph: GovgraphSettings;
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
  /** SQL statements per request sent, all departments together, over the run's blocks. */
  statementsPerRequest?: number;
  /**
   * The gateway process's CPU time per request sent, in milliseconds: what the gateway
   * costs, whatever else the machine was doing (throughput is not; it shares the cores).
   */
  gatewayCpuMsPerRequest?: number;
  /** The departments' CPU time per request sent (they run in the benchmark's own process). */
  departmentsCpuMsPerRequest?: number;
  /** Why it was not measured. */
  skipped?: string;
}

export interface BenchMeasurement {
  runs: BenchRun[];
  memory: GatewayMemoryRecord[];
  /** Statements per request by department and scenario, counted one request at a time. */
  statements: { scenario: string; use: StatementUse[] }[];
}

/** What one variant's blocks of one scenario added up to. */
interface Tally {
  blocks: LoadBlockResult[];
  /** Requests sent (answered or not); the next block starts its requests here. */
  sent: number;
  statements: number;
  /** The gateway process's CPU time; undefined for the direct variant. */
  gatewayCpuMicros?: number;
  /** This process's CPU time, where the departments run. */
  departmentsCpuMicros: number;
}

function ownCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Untimed requests per statement probe. */
export const PROBE_REQUESTS = 20;

async function probeAll(options: MeasureBenchOptions, fleet: GatewayFleet) {
  // Counted through the first gateway: every gateway variant sends the same fetches.
  const prober = options.variants.find((v) => fleet.of(v));
  const url = prober && fleet.of(prober)?.graphqlUrl;
  if (!prober || !url) return [];
  const { world } = options;
  const rng = benchRng(options.seed, 90);
  const plans = [
    ...options.scenarios.map((s) => ({
      name: s.name,
      requests: s.requests(world, rng, PROBE_REQUESTS),
    })),
    ...[10, LIST_SIZE].map((size) => ({
      name: `people-list of ${size}`,
      requests: Array.from({ length: PROBE_REQUESTS }, () => peopleListRequest(world, rng, size)),
    })),
  ];
  const statements: BenchMeasurement['statements'] = [];
  for (const plan of plans) {
    const caller = plan.requests[0]?.caller ?? 'anonymous';
    const headers = requestHeaders(prober, options.callerHeaders, caller);
    const bodies = plan.requests.map((r) => r.body);
    statements.push({
      scenario: plan.name,
      use: await probeStatements(options.departments, url, headers, bodies),
    });
  }
  return statements;
}

/**
 * Starts every gateway variant in its own process, counts each scenario's statements, then
 * measures every scenario under every variant with autocannon from a separate process, in
 * rounds that alternate the variants (reversed every round) so that whatever else the machine
 * does falls on all of them alike.
 */
export async function measureBench(options: MeasureBenchOptions): Promise<BenchMeasurement> {
  const { log } = options;
  const subgraphUrls = Object.fromEntries(options.departments.map((d) => [d.name, d.url]));
  const fleet = await startGatewayFleet(options.variants, {
    supergraphPath: options.supergraphPath,
    subgraphUrls,
    subgraphHeaders: options.subgraphHeaders,
    govgraph: options.govgraph,
    ...(options.profileDir ? { profileDir: options.profileDir } : {}),
  });
  const load = startLoadClient();
  const runs: BenchRun[] = [];
  let memory: GatewayMemoryRecord[] = [];
  let statements: BenchMeasurement['statements'] = [];
  try {
    statements = await probeAll(options, fleet);
    const blockSeconds = options.durationSeconds / options.rounds;
    for (const [index, scenario] of options.scenarios.entries()) {
      const prepared: PreparedVariant[] = [];
      for (const variant of options.variants) {
        prepared.push(
          await prepareVariant({
            ...options,
            scenario,
            scenarioIndex: index,
            variant,
            fleet,
            subgraphUrls,
          }),
        );
      }
      log(
        `  ${scenario.name}: ${prepared.map((p) => p.variant.name).join(', ')}; ${options.rounds} × ${blockSeconds.toFixed(1)} s each, ${options.connections} connections`,
      );
      const tallies = new Map<PreparedVariant, Tally>(
        prepared.map((p) => [p, { blocks: [], sent: 0, statements: 0, departmentsCpuMicros: 0 }]),
      );
      for (let round = 0; round < options.rounds; round++) {
        for (const [p, tally] of roundOrder([...tallies], round)) {
          for (const department of options.departments) department.statements.reset();
          const gateway = fleet.of(p.variant);
          const cpuBefore = (await gateway?.memory())?.cpuMicros;
          const departmentsBefore = ownCpuMicros();
          const stopSampling = fleet.sample(p.variant, Math.max(1000, (blockSeconds * 1000) / 10));
          const block = await load
            .run({
              url: p.url,
              connections: options.connections,
              durationSeconds: blockSeconds,
              requests: p.requests,
              startAt: tally.sent,
            })
            .finally(stopSampling);
          // What was in flight when the load stopped still runs to the end: it is counted
          // here, against the requests sent (answered or not), and never in the next block.
          await quiesce(options.departments);
          tally.departmentsCpuMicros += ownCpuMicros() - departmentsBefore;
          // The audit index the block's records need is written now, on this block's CPU:
          // otherwise it trails into the next block, another variant's (they share one store).
          await gateway?.settle();
          const cpuAfter = (await gateway?.memory())?.cpuMicros;
          if (cpuBefore !== undefined && cpuAfter !== undefined) {
            tally.gatewayCpuMicros = (tally.gatewayCpuMicros ?? 0) + cpuAfter - cpuBefore;
          }
          tally.statements += options.departments.reduce((sum, d) => sum + d.statements.total, 0);
          tally.sent += block.sent;
          tally.blocks.push(block);
        }
      }
      for (const [{ variant, target }, tally] of tallies) {
        const result = mergeBlocks(tally.blocks);
        runs.push({
          scenario: scenario.name,
          variant: variant.name,
          target,
          result,
          statementsPerRequest: statementsPerRequest(tally.statements, tally.sent),
          ...(tally.gatewayCpuMicros !== undefined
            ? { gatewayCpuMsPerRequest: tally.gatewayCpuMicros / 1000 / tally.sent }
            : {}),
          departmentsCpuMsPerRequest: tally.departmentsCpuMicros / 1000 / tally.sent,
        });
        if (result.errors > 0)
          log(
            `    ${variant.name}: ${result.errors} errors, e.g. ${result.firstErrors.join(' | ')}`,
          );
      }
    }
  } finally {
    await load.stop();
    memory = await fleet.stop();
  }
  return { runs, memory, statements };
}
