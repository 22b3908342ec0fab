import { type HubStore, issueApiKey, revokeApiKey } from '@govgraph/hub';

/** The registered agency `npm start` lends its demo key to, and the purpose it reads under. */
export const DEMO_AGENCY = 'service-desk-app';
export const DEMO_PURPOSE = 'SERVICE_DESK';

/** A key issued for one `npm start`, and the headers a GraphiQL user pastes to use it. */
export interface DemoCredentials {
  keyId: string;
  headers: Record<string, string>;
}

/**
 * Issues a fresh API key for the demo agency, as `npm run agency -- key issue` would, so that a
 * newcomer can explore the graph in GraphiQL at once. The key is revoked again on stop.
 */
export async function issueDemoCredentials(store: HubStore): Promise<DemoCredentials> {
  const { id, key } = await issueApiKey(store, DEMO_AGENCY);
  return {
    keyId: id,
    headers: {
      'X-Api-Key': key,
      'X-Purpose': DEMO_PURPOSE,
      'X-Case-Id': 'DEMO-2026-0001',
      'X-Operator-Id': 'desk-clerk-01',
    },
  };
}

/** Revokes the demo key at stop. */
export function revokeDemoCredentials(
  store: HubStore,
  credentials: DemoCredentials,
): Promise<void> {
  return revokeApiKey(store, credentials.keyId);
}
