import type { MeasureBenchOptions } from './measureBench.js';

/**
 * What the gateways and departments need from the benchmark to answer at all: the fixed
 * hub-context header every subgraph request carries, and each caller's headers (API key and
 * X-Purpose for an agency granted the scenarios' fields). Empty while the hub has no access
 * control: the one place to wire it in.
 */
export async function benchSettings(): Promise<
  Pick<MeasureBenchOptions, 'subgraphHeaders' | 'callerHeaders'>
> {
  return {
    subgraphHeaders: {},
    callerHeaders: { agency: {}, anonymous: {} },
  };
}
