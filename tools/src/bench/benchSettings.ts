import type { MeasureBenchOptions } from './measureBench.js';

/**
 * What the gateways and departments need from the benchmark to answer at all: the fixed
 * hub-context header every subgraph request carries, each caller's headers (API key and
 * X-Purpose for an agency granted the scenarios' fields), and govgraph's access and audit
 * settings. Empty while the hub has no access control: the one place to wire it in.
 */
export async function benchSettings(): Promise<
  Pick<MeasureBenchOptions, 'subgraphHeaders' | 'callerHeaders' | 'govgraph'>
> {
  return {
    subgraphHeaders: {},
    callerHeaders: { agency: {}, anonymous: {} },
    govgraph: {},
  };
}
