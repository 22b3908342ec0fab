import {
  addOperator,
  type HubStore,
  issueApiKey,
  listOperators,
  resetOperatorPassword,
  revokeApiKey,
  setOperatorDisabled,
} from '@govgraph/governance';

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

/** The operator `npm start` signs in at the service desk with. */
export const DEMO_OPERATOR = 'demo-clerk';

/**
 * Gives the demo operator of the service-desk agency a fresh one-time password, as
 * `npm run agency -- operator add|password` would (registered on the first run, a new password
 * on each later one); disabled again on stop by `endDemoOperator`.
 */
export async function issueDemoOperator(store: HubStore): Promise<{ password: string }> {
  const existing = await listOperators(store, DEMO_AGENCY);
  if (!existing.some((o) => o.id === DEMO_OPERATOR)) {
    return addOperator(store, { agencyId: DEMO_AGENCY, id: DEMO_OPERATOR, name: 'Demo clerk' });
  }
  await setOperatorDisabled(store, DEMO_AGENCY, DEMO_OPERATOR, false);
  return resetOperatorPassword(store, DEMO_AGENCY, DEMO_OPERATOR);
}

/** Disables the demo operator at stop: their sessions end, the password is of no further use. */
export function endDemoOperator(store: HubStore): Promise<void> {
  return setOperatorDisabled(store, DEMO_AGENCY, DEMO_OPERATOR, true);
}
