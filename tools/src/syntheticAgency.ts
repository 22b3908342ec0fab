import {
  addAgency,
  addPurpose,
  grantCoordinates,
  type HubServices,
  issueApiKey,
  listAgencies,
  listApiKeys,
  listPurposes,
  revokeApiKey,
} from '@govgraph/governance';
import { Kind, parse } from 'graphql';

/** An agency that reads the whole graph of synthetic data: the integration tests', the benchmark's. */
export interface SyntheticAgency {
  id: string;
  name: string;
  /** Its purpose code, registered with the description below. */
  purpose: string;
  description: string;
}

/** The headers a request of such an agency carries: its key, purpose, and a case and operator (SENSITIVE fields need both). */
export function syntheticAgencyHeaders(
  agency: SyntheticAgency,
  apiKey: string,
): Record<string, string> {
  return {
    'x-api-key': apiKey,
    'x-purpose': agency.purpose,
    'x-case-id': `${agency.purpose}-0001`,
    'x-operator-id': `${agency.id}-operator`,
  };
}

/**
 * Registers the agency in a running hub's store as the platform operator would with
 * `npm run agency`: the purpose, the agency, a grant for every object type of the supergraph
 * (`Type.*`: only ever for synthetic data), and a fresh API key, returned (shown once; earlier
 * keys of the agency are revoked). The registry is refreshed, so the grant counts at once.
 * Safe to run again on the same store.
 */
export async function registerSyntheticAgency(
  { store, registry }: Pick<HubServices, 'store' | 'registry'>,
  supergraphSdl: string,
  agency: SyntheticAgency,
): Promise<string> {
  if (!(await listPurposes(store)).some((p) => p.code === agency.purpose)) {
    await addPurpose(store, {
      code: agency.purpose,
      description: agency.description,
      legalBasis: 'None: synthetic data only.',
    });
  }
  if (!(await listAgencies(store)).some((a) => a.id === agency.id)) {
    await addAgency(store, { id: agency.id, name: agency.name });
  }
  const types = parse(supergraphSdl)
    .definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .map((d) => `${d.name.value}.*`);
  await grantCoordinates(store, agency.id, agency.purpose, types);
  for (const key of await listApiKeys(store, agency.id)) {
    if (key.revokedAt === null) await revokeApiKey(store, key.id);
  }
  const { key } = await issueApiKey(store, agency.id);
  await registry.refresh();
  return key;
}
