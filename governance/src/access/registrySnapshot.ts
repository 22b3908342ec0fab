import { createHash, type KeyObject } from 'node:crypto';
import type { Logger } from '@govgraph/server';
import { parseStoredLimits } from '../registry/agencyLimits.js';
import { parsePublicKey } from '../registry/publicKey.js';
import type { HubStore } from '../store/openHubStore.js';
import type { AgencyLimits, Purpose } from '../types.js';

/** An agency as the access registry holds it in memory. */
export interface AgencyEntry {
  id: string;
  name: string;
  roles: readonly string[];
  disabled: boolean;
  /** The department it acts for, or null. */
  department: string | null;
  /** Its limit overrides (empty: the gateway's defaults). */
  limits: Readonly<AgencyLimits>;
  jwt: { issuer: string; audience: string | null; key: KeyObject } | null;
}

export interface ApiKeyEntry {
  id: string;
  agencyId: string;
  prefix: string;
  revokedAt: string | null;
  /** ISO 8601 UTC from which the key is refused, or null. */
  expiresAt: string | null;
}

/** Everything authentication and grant lookups need, read from the store in one go. */
export interface RegistrySnapshot {
  /** sha256 over every row read: a changed fingerprint bumps the registry's version. */
  fingerprint: string;
  purposes: ReadonlyMap<string, Purpose>;
  agencies: ReadonlyMap<string, AgencyEntry>;
  agenciesByIssuer: ReadonlyMap<string, readonly AgencyEntry[]>;
  keysByHash: ReadonlyMap<string, ApiKeyEntry>;
  /** `agencyId \0 purpose` → coordinates. */
  grants: ReadonlyMap<string, ReadonlySet<string>>;
  citizen: ReadonlySet<string>;
  /** Agency id → the origins its browser pages may call from. */
  originsByAgency: ReadonlyMap<string, ReadonlySet<string>>;
  /** Origin → the enabled agencies listing it. */
  agenciesByOrigin: ReadonlyMap<string, ReadonlySet<string>>;
  /** Origins of the citizen portal. */
  citizenOrigins: ReadonlySet<string>;
}

export const grantKey = (agencyId: string, purpose: string) => `${agencyId}\u0000${purpose}`;

/**
 * Reads the registry tables into memory. A JWT key that cannot be parsed is logged and left out.
 * When the rows are the ones `previous` was built from, returns `previous` itself: the periodic
 * refresh then neither re-parses every key nor repeats the warnings about unusable ones.
 */
export async function loadRegistrySnapshot(
  store: HubStore,
  logger?: Logger,
  previous?: RegistrySnapshot,
): Promise<RegistrySnapshot> {
  const [purposeRows, agencyRows, keyRows, grantRows, citizenRows, originRows, citizenOriginRows] =
    await Promise.all([
      store.db
        .selectFrom('purposes')
        .select(['code', 'description', 'legal_basis'])
        .orderBy('code')
        .execute(),
      store.db.selectFrom('agencies').selectAll().orderBy('id').execute(),
      store.db
        .selectFrom('api_keys')
        .select(['id', 'agency_id', 'prefix', 'hash', 'revoked_at', 'expires_at'])
        .orderBy('id')
        .execute(),
      store.db
        .selectFrom('grants')
        .select(['agency_id', 'purpose', 'coordinate'])
        .orderBy('agency_id')
        .orderBy('purpose')
        .orderBy('coordinate')
        .execute(),
      store.db
        .selectFrom('citizen_coordinates')
        .select('coordinate')
        .orderBy('coordinate')
        .execute(),
      store.db
        .selectFrom('agency_origins')
        .select(['agency_id', 'origin'])
        .orderBy('agency_id')
        .orderBy('origin')
        .execute(),
      store.db.selectFrom('citizen_origins').select('origin').orderBy('origin').execute(),
    ]);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        purposeRows,
        agencyRows,
        keyRows,
        grantRows,
        citizenRows,
        originRows,
        citizenOriginRows,
      ]),
    )
    .digest('hex');
  if (previous?.fingerprint === fingerprint) return previous;

  const agencies = new Map<string, AgencyEntry>();
  const agenciesByIssuer = new Map<string, AgencyEntry[]>();
  for (const row of agencyRows) {
    let jwt: AgencyEntry['jwt'] = null;
    if (row.jwt_issuer !== null && row.jwt_public_key !== null) {
      try {
        jwt = {
          issuer: row.jwt_issuer,
          audience: row.jwt_audience,
          key: parsePublicKey(row.jwt_public_key),
        };
      } catch (error) {
        logger?.warn(
          { agency: row.id, err: error },
          'the agency JWT key cannot be used; its tokens are refused',
        );
      }
    }
    const entry: AgencyEntry = {
      id: row.id,
      name: row.name,
      roles: JSON.parse(row.roles) as string[],
      disabled: row.disabled !== 0,
      department: row.department,
      limits: Object.freeze(parseStoredLimits(row.limits)),
      jwt,
    };
    agencies.set(row.id, entry);
    if (jwt) agenciesByIssuer.set(jwt.issuer, [...(agenciesByIssuer.get(jwt.issuer) ?? []), entry]);
  }
  const grants = new Map<string, Set<string>>();
  for (const row of grantRows) {
    const key = grantKey(row.agency_id, row.purpose);
    const set = grants.get(key) ?? new Set<string>();
    set.add(row.coordinate);
    grants.set(key, set);
  }
  return {
    fingerprint,
    purposes: new Map(
      purposeRows.map((r) => [
        r.code,
        { code: r.code, description: r.description, legalBasis: r.legal_basis },
      ]),
    ),
    agencies,
    agenciesByIssuer,
    keysByHash: new Map(
      keyRows.map((r) => [
        r.hash,
        {
          id: r.id,
          agencyId: r.agency_id,
          prefix: r.prefix,
          revokedAt: r.revoked_at,
          expiresAt: r.expires_at,
        },
      ]),
    ),
    grants,
    citizen: new Set(citizenRows.map((r) => r.coordinate)),
    ...originIndexes(originRows, agencies),
    citizenOrigins: new Set(citizenOriginRows.map((r) => r.origin)),
  };
}

/** Origins by agency, and the enabled agencies by origin (a disabled agency opens no origin). */
function originIndexes(
  rows: readonly { agency_id: string; origin: string }[],
  agencies: ReadonlyMap<string, AgencyEntry>,
): Pick<RegistrySnapshot, 'originsByAgency' | 'agenciesByOrigin'> {
  const originsByAgency = new Map<string, Set<string>>();
  const agenciesByOrigin = new Map<string, Set<string>>();
  for (const { agency_id: agencyId, origin } of rows) {
    if (agencies.get(agencyId)?.disabled !== false) continue;
    originsByAgency.set(agencyId, (originsByAgency.get(agencyId) ?? new Set()).add(origin));
    agenciesByOrigin.set(origin, (agenciesByOrigin.get(origin) ?? new Set()).add(agencyId));
  }
  return { originsByAgency, agenciesByOrigin };
}
