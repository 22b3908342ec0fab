import type { KeyObject } from 'node:crypto';
import { quoteInput, UNAUTHENTICATED } from '@govgraph/schema/errors';
import { checkNationalId } from '@govgraph/schema/scalars';
import type { Logger } from '@govgraph/server';
import { API_KEY_PREFIX, hashApiKey } from '../registry/apiKeys.js';
import { parsePublicKey } from '../registry/publicKey.js';
import type { HubStore } from '../store/openHubStore.js';
import type { AccessRegistry, AgencyLimits, Caller, Purpose } from '../types.js';
import { SESSION_PREFIX, sessionHolder } from './operatorSessions.js';
import { grantKey, loadRegistrySnapshot, type RegistrySnapshot } from './registrySnapshot.js';
import { peekClaims, verifyBearerToken } from './verifyBearerToken.js';

const NO_LIMITS: Readonly<AgencyLimits> = Object.freeze({});
const NO_AGENCIES: ReadonlySet<string> = new Set();

export interface AccessRegistryOptions {
  store: HubStore;
  /**
   * How often the in-memory snapshot is re-read from the store, so keys, grants and agencies
   * changed by the `agency` command (or another instance) take effect. @default 2000
   */
  refreshMs?: number;
  /** The identity provider whose tokens sign citizens in (`sub` = national ID). Unset: no citizen sign-in. */
  citizenIssuer?: { issuer: string; publicKey: string } | undefined;
  /** The `aud` tokens must carry, unless an agency's registration names its own. @default 'govgraph' */
  audience?: string;
  /** Where a failed background refresh is reported (the previous snapshot stays in use). */
  logger?: Logger;
}

/** The access registry with its snapshot control. */
export interface HubAccessRegistry extends AccessRegistry {
  /** Re-reads the store now; resolves once the new snapshot is in use. */
  refresh(): Promise<void>;
}

/**
 * The gateway's view of agencies, keys, purposes and grants: an in-memory snapshot of the
 * store, so that grant lookups on the request path are synchronous map reads. Refreshed in
 * the background every `refreshMs`; `version` increases whenever what it holds changes.
 */
export async function createAccessRegistry(
  options: AccessRegistryOptions,
): Promise<HubAccessRegistry> {
  const { store, logger, refreshMs = 2000, audience = 'govgraph' } = options;
  // A bad citizen key is a configuration error: fail at start, not on the first sign-in.
  const citizen: { issuer: string; key: KeyObject } | null = options.citizenIssuer
    ? { issuer: options.citizenIssuer.issuer, key: parsePublicKey(options.citizenIssuer.publicKey) }
    : null;
  let snapshot: RegistrySnapshot = await loadRegistrySnapshot(store, logger);
  let version = 1;
  let inFlight: Promise<void> | null = null;

  const refresh = (): Promise<void> => {
    inFlight ??= loadRegistrySnapshot(store, logger, snapshot)
      .then((next) => {
        if (next !== snapshot) {
          snapshot = next;
          version++;
        }
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  const timer = setInterval(() => {
    refresh().catch((err: unknown) =>
      logger?.warn(
        { err },
        'the access registry could not be refreshed; the previous snapshot stays in use',
      ),
    );
  }, refreshMs);
  timer.unref();

  const keyIssuedSinceSnapshot = async (hash: string): Promise<boolean> =>
    (await store.db
      .selectFrom('api_keys')
      .select('id')
      .where('hash', '=', hash)
      .executeTakeFirst()) !== undefined;

  const agencyCaller = (
    agencyId: string,
    credential: 'api-key' | 'jwt' | 'session',
    operatorId?: string,
  ): Caller => {
    const agency = snapshot.agencies.get(agencyId);
    if (!agency)
      throw UNAUTHENTICATED.err(
        `The agency ${JSON.stringify(agencyId)} is not registered with the hub.`,
      );
    if (agency.disabled) {
      throw UNAUTHENTICATED.err(
        `The agency ${JSON.stringify(agency.id)} is disabled; ask the platform operator.`,
      );
    }
    return {
      kind: 'agency',
      agencyId: agency.id,
      name: agency.name,
      roles: agency.roles,
      credential,
      ...(agency.department !== null && { department: agency.department }),
      ...(operatorId !== undefined && { operatorId }),
    };
  };

  // A service-desk session: looked up in the store on every request, so a sign-out or a
  // disabled operator counts at once on every gateway instance.
  const bySession = async (token: string): Promise<Caller> => {
    const holder = await sessionHolder(store, token);
    return agencyCaller(holder.agencyId, 'session', holder.operatorId);
  };

  const byApiKey = async (key: string): Promise<Caller> => {
    if (!key.startsWith(API_KEY_PREFIX)) {
      throw UNAUTHENTICATED.err(
        `The API key is malformed: govgraph keys start with ${API_KEY_PREFIX}. Send the key exactly as issued.`,
      );
    }
    const hash = hashApiKey(key);
    let entry = snapshot.keysByHash.get(hash);
    if (!entry && (await keyIssuedSinceSnapshot(hash))) {
      // Issued after the last refresh (`agency key issue`, then a request at once): catch up now.
      await refresh();
      entry = snapshot.keysByHash.get(hash);
    }
    if (!entry) {
      throw UNAUTHENTICATED.err(
        'The API key is unknown to the hub: check it was copied whole, or ask the platform operator for a new one.',
      );
    }
    if (entry.revokedAt !== null) {
      throw UNAUTHENTICATED.err(
        `The API key ${entry.prefix}… was revoked at ${entry.revokedAt}; ask the platform operator for a new one.`,
      );
    }
    if (entry.expiresAt !== null && Date.parse(entry.expiresAt) <= Date.now()) {
      throw UNAUTHENTICATED.err(
        `The API key ${entry.prefix}… expired on ${entry.expiresAt}; ask the platform operator for a new one (they issue it with \`npm run agency -- key issue ${entry.agencyId} --expires 90d\`).`,
      );
    }
    return agencyCaller(entry.agencyId, 'api-key');
  };

  const byToken = async (token: string): Promise<Caller> => {
    if (token.startsWith(SESSION_PREFIX)) return bySession(token);
    const { iss, sub } = peekClaims(token);
    if (iss === undefined)
      throw UNAUTHENTICATED.err(
        'The bearer token has no issuer (iss); the hub cannot tell who signed it.',
      );
    if (citizen && iss === citizen.issuer) {
      const payload = await verifyBearerToken(token, {
        issuer: citizen.issuer,
        audience,
        key: citizen.key,
      });
      const checked = checkNationalId(payload.sub ?? '');
      if (!checked.ok) {
        throw UNAUTHENTICATED.err(
          `The citizen token's subject is not a valid national ID: ${checked.problem}`,
        );
      }
      return { kind: 'citizen', nationalId: checked.value };
    }
    const candidates = snapshot.agenciesByIssuer.get(iss);
    if (!candidates) {
      throw UNAUTHENTICATED.err(
        // Unverified claims are the caller's text: quoted short, like any input.
        `The bearer token has the wrong issuer: ${quoteInput(iss)} is not registered with the hub.`,
      );
    }
    const agency = candidates.find((a) => a.id === sub);
    if (!agency?.jwt) {
      throw UNAUTHENTICATED.err(
        `The bearer token's subject ${quoteInput(sub ?? null)} is not an agency registered for issuer ${quoteInput(iss)}; sub must be the agency id.`,
      );
    }
    await verifyBearerToken(token, {
      issuer: agency.jwt.issuer,
      audience: agency.jwt.audience ?? audience,
      key: agency.jwt.key,
    });
    return agencyCaller(agency.id, 'jwt');
  };

  return {
    async authenticate({ apiKey, bearerToken }) {
      const key = apiKey?.trim() || undefined;
      const token = bearerToken?.trim() || undefined;
      if (key === undefined && token === undefined) return { kind: 'anonymous' };
      if (key !== undefined && token !== undefined) {
        throw UNAUTHENTICATED.err(
          'Send one credential: an X-Api-Key header or an Authorization: Bearer token, not both.',
        );
      }
      return key !== undefined ? byApiKey(key) : byToken(token ?? '');
    },
    purpose: (code: string): Purpose | undefined => snapshot.purposes.get(code),
    purposes: (): readonly Purpose[] => [...snapshot.purposes.values()],
    grantedCoordinates: (agencyId, purpose) => snapshot.grants.get(grantKey(agencyId, purpose)),
    citizenCoordinates: () => snapshot.citizen,
    agencyLimits: (agencyId) => snapshot.agencies.get(agencyId)?.limits ?? NO_LIMITS,
    agenciesAllowingOrigin: (origin) => snapshot.agenciesByOrigin.get(origin) ?? NO_AGENCIES,
    agencyAllowsOrigin: (agencyId, origin) =>
      snapshot.originsByAgency.get(agencyId)?.has(origin) === true,
    citizenAllowsOrigin: (origin) => snapshot.citizenOrigins.has(origin),
    get version() {
      return version;
    },
    refresh,
    async close() {
      clearInterval(timer);
      await inFlight?.catch(() => {});
    },
  };
}
