import type { HubServices } from '@govgraph/governance';
import {
  registerSyntheticAgency,
  type SyntheticAgency,
  syntheticAgencyHeaders,
} from '../syntheticAgency.js';

/** The agency the benchmark reads as. */
export const BENCH: SyntheticAgency = {
  id: 'benchmark',
  name: 'govgraph benchmark',
  purpose: 'BENCHMARK',
  description: 'Load benchmarks of the hub over synthetic data.',
};
export const BENCH_AGENCY = BENCH.id;
export const BENCH_PURPOSE = BENCH.purpose;

/** The headers an agency request of the benchmark carries (its key, purpose, case, operator). */
export function agencyHeaders(apiKey: string): Record<string, string> {
  return syntheticAgencyHeaders(BENCH, apiKey);
}

/**
 * Registers the benchmark agency in the hub store (a grant for every object type, a fresh API
 * key, the previous run's revoked) and returns its key.
 */
export function registerBenchAgency(
  services: Pick<HubServices, 'store' | 'registry'>,
  supergraphSdl: string,
): Promise<string> {
  return registerSyntheticAgency(services, supergraphSdl, BENCH);
}
