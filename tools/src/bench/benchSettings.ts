import type { DatabaseOptions } from '@govgraph/schema/db';
import { agencyHeaders, registerBenchAgency } from './benchAgency.js';
import type { MeasureBenchOptions } from './measureBench.js';

/**
 * What the gateways and departments need from the benchmark to answer at all: each caller's
 * headers (the benchmark agency's API key, purpose, case and operator; nothing for anonymous),
 * and the fixed header every subgraph request carries (the hub-context token departments
 * require; the bare gateway and the direct variant send one signed at start).
 */
export async function benchSettings(options: {
  hubDatabase: DatabaseOptions;
  supergraphSdl: string;
}): Promise<Pick<MeasureBenchOptions, 'subgraphHeaders' | 'callerHeaders'>> {
  const apiKey = await registerBenchAgency(options.hubDatabase, options.supergraphSdl);
  return {
    subgraphHeaders: {},
    callerHeaders: { agency: agencyHeaders(apiKey), anonymous: {} },
  };
}
