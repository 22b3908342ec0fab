import {
  addAgency,
  addPurpose,
  DEFAULT_REGISTRY_FILE,
  grantCoordinates,
  issueApiKey,
  listAgencies,
  listApiKeys,
  listPurposes,
  openHubStore,
  revokeApiKey,
  syncRegistryFile,
} from '@govgraph/hub';
import type { DatabaseOptions } from '@govgraph/schema/db';
import { Kind, parse } from 'graphql';

/** The agency the benchmark reads as, and its purpose. */
export const BENCH_AGENCY = 'benchmark';
export const BENCH_PURPOSE = 'BENCHMARK';

/** The headers an agency request of the benchmark carries (its key, purpose, case, operator). */
export function agencyHeaders(apiKey: string): Record<string, string> {
  return {
    'x-api-key': apiKey,
    'x-purpose': BENCH_PURPOSE,
    // SENSITIVE fields (tax arrears) need a case number and the acting official.
    'x-case-id': 'BENCH-0001',
    'x-operator-id': 'bench-operator',
  };
}

/**
 * Registers the benchmark agency in the hub store as the operator would with `npm run agency`:
 * the purpose, the agency, a grant for every object type of the supergraph, and a fresh API key
 * (returned; the previous run's keys are revoked). Safe to run again on the same store.
 */
export async function registerBenchAgency(
  database: DatabaseOptions,
  supergraphSdl: string,
): Promise<string> {
  const store = await openHubStore(database);
  try {
    await syncRegistryFile(store, DEFAULT_REGISTRY_FILE);
    if (!(await listPurposes(store)).some((p) => p.code === BENCH_PURPOSE)) {
      await addPurpose(store, {
        code: BENCH_PURPOSE,
        description: 'Load benchmarks of the hub over synthetic data.',
        legalBasis: 'None: synthetic data only.',
      });
    }
    if (!(await listAgencies(store)).some((a) => a.id === BENCH_AGENCY)) {
      await addAgency(store, { id: BENCH_AGENCY, name: 'govgraph benchmark' });
    }
    const types = parse(supergraphSdl)
      .definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION)
      .map((d) => `${d.name.value}.*`);
    await grantCoordinates(store, BENCH_AGENCY, BENCH_PURPOSE, types);
    for (const key of await listApiKeys(store, BENCH_AGENCY)) {
      if (key.revokedAt === null) await revokeApiKey(store, key.id);
    }
    return (await issueApiKey(store, BENCH_AGENCY)).key;
  } finally {
    await store.close();
  }
}
