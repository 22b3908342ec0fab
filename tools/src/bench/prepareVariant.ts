import { directRequests } from './directRequests.js';
import type { GatewayFleet } from './gatewayFleet.js';
import type { BenchDepartment, MeasureBenchOptions } from './measureBench.js';
import { type BenchRequest, benchRng, type Scenario } from './scenarios.js';
import { type SentRequest, sendAll } from './sendAll.js';
import { requestHeaders, type Variant } from './variants.js';

/** Distinct requests per scenario measured cold (and by the caches-off variants). */
export const POOL_SIZE: Record<Scenario['name'], number> = {
  'citizen-record': 2000,
  'people-list': 300,
  'company-search': 2000,
  mixed: 1500,
};
/** Distinct requests sent once before measuring a warm variant, then cycled through. */
export const WARM_SIZE = 100;
/** Untimed requests before a variant's first block (JIT, connection pools). */
export const WARMUP_REQUESTS = 20;
/** Requests the direct variant replays (captured through an in-process bare gateway). */
export const DIRECT_SIZE = 100;

/** A variant ready to be measured on one scenario. */
export interface PreparedVariant {
  variant: Variant;
  url: string;
  /** `gateway`, or the department asked directly. */
  target: string;
  requests: SentRequest[];
}

/** Reversed every other round, so no variant always runs right after the same other. */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...items] : [...items].reverse();
}

/**
 * The requests `variant` is measured with on `scenario`, after its untimed warm-up: for a warm
 * variant a small set it has answered once already; for the direct variant the root
 * department's part of each request, as the gateway sends it.
 */
export async function prepareVariant(
  options: MeasureBenchOptions & {
    scenario: Scenario;
    scenarioIndex: number;
    variant: Variant;
    fleet: GatewayFleet;
    subgraphUrls: Record<string, string>;
  },
): Promise<PreparedVariant> {
  const { world, scenario, variant, seed } = options;
  const lane = 10 * options.scenarioIndex;
  const pool = scenario.requests(world, benchRng(seed, lane + 1), POOL_SIZE[scenario.name]);
  const gateway = options.fleet.of(variant);
  if (gateway) {
    const sendable = (requests: readonly BenchRequest[]): SentRequest[] =>
      requests.map((r) => ({
        headers: requestHeaders(variant, options.callerHeaders, r.caller),
        body: r.body,
      }));
    const url = gateway.graphqlUrl;
    await sendAll(
      url,
      sendable(scenario.requests(world, benchRng(seed, lane + 3), WARMUP_REQUESTS)),
    );
    if (!variant.warm) return { variant, url, target: 'gateway', requests: sendable(pool) };
    const warmSet = sendable(scenario.requests(world, benchRng(seed, lane + 2), WARM_SIZE));
    await sendAll(url, warmSet);
    return { variant, url, target: 'gateway', requests: warmSet };
  }
  const department: BenchDepartment | undefined = options.departments.find(
    (d) => d.name === scenario.rootDepartment,
  );
  if (!department) throw new Error(`no department ${scenario.rootDepartment} is running`);
  const captured = await directRequests({
    supergraphPath: options.supergraphPath,
    subgraphUrls: options.subgraphUrls,
    subgraphHeaders: options.subgraphHeaders,
    requests: pool.slice(0, DIRECT_SIZE),
  });
  const requests = captured
    .filter((c) => c.department === department.name)
    .map((c) => ({ headers: options.subgraphHeaders, body: c.body }));
  await sendAll(department.url, requests.slice(0, WARMUP_REQUESTS));
  return { variant, url: department.url, target: department.name, requests };
}
