import type { Transaction } from 'kysely';
import type { HubStore } from '../store/openHubStore.js';
import type { HubDB } from '../store/schema.js';
import { storedLimits } from './agencyLimits.js';
import { loadRegistryFile, type RegistryFile } from './registryFile.js';

/** What a sync changed, for the start-up log line. */
export interface RegistrySyncSummary {
  purposes: number;
  agencies: number;
  grants: number;
  /** File grants no longer in the file, now revoked. */
  revokedGrants: number;
  /** Agencies that came from the file and are no longer in it, now disabled (kept for the audit trail). */
  disabledAgencies: string[];
}

/** One grant a sync would revoke. */
export interface RevokedGrant {
  agency: string;
  purpose: string;
  coordinate: string;
}

/** The access a sync takes away: agencies disabled and grants revoked. */
export interface RegistrySyncLosses {
  disabledAgencies: string[];
  revokedGrants: RevokedGrant[];
}

export interface RegistrySyncOptions {
  /**
   * Called inside the sync's transaction, before it commits, when the sync would take access
   * away; throwing rolls the whole sync back (the `agency` command's refusal without `--yes`).
   */
  beforeLosses?: (losses: RegistrySyncLosses) => void;
}

/**
 * Loads the reviewed registry file into the store, in one transaction. The file wins for what
 * it lists: its purposes, agencies and grants are written as the file says. What the `agency`
 * command made and the file does not name stays. Grants that came from the file and were
 * removed from it are revoked, and such agencies disabled, so deleting a line from the
 * reviewed file takes the access away. Throws a RegistryFileError when the file is invalid.
 */
export async function syncRegistryFile(
  store: HubStore,
  path: string,
  options: RegistrySyncOptions = {},
): Promise<RegistrySyncSummary> {
  const file = loadRegistryFile(path);
  return store.db.transaction().execute(async (trx) => {
    for (const p of file.purposes) {
      const values = {
        description: p.description,
        legal_basis: p.legalBasis,
        source: 'file' as const,
      };
      await trx
        .insertInto('purposes')
        .values({ code: p.code, ...values })
        .onConflict((oc) => oc.column('code').doUpdateSet(values))
        .execute();
    }
    for (const a of file.agencies) {
      // Only what the file states: a JWT setting, a disabled flag, a department or limits made
      // with the `agency` command stay unless the file sets them (`null` clears one). Limits the
      // file states replace the agency's overrides whole.
      const values = {
        name: a.name,
        roles: JSON.stringify([...new Set(a.roles)].sort()),
        source: 'file' as const,
        ...(a.jwt && {
          jwt_issuer: a.jwt.issuer,
          jwt_audience: a.jwt.audience ?? null,
          jwt_public_key: a.jwt.publicKey.trim(),
        }),
        ...(a.disabled !== undefined && { disabled: a.disabled ? 1 : 0 }),
        ...(a.department !== undefined && { department: a.department }),
        ...(a.limits !== undefined && {
          limits: a.limits === null ? null : storedLimits(a.limits),
        }),
      };
      await trx
        .insertInto('agencies')
        .values({
          id: a.id,
          jwt_issuer: null,
          jwt_audience: null,
          jwt_public_key: null,
          disabled: 0,
          department: null,
          limits: null,
          ...values,
        })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    }
    const listed = new Set(file.agencies.map((a) => a.id));
    const dropped = (
      await trx
        .selectFrom('agencies')
        .select('id')
        .where('source', '=', 'file')
        .where('disabled', '=', 0)
        .execute()
    )
      .map((r) => r.id)
      .filter((id) => !listed.has(id));
    if (dropped.length > 0) {
      await trx.updateTable('agencies').set({ disabled: 1 }).where('id', 'in', dropped).execute();
    }
    const { granted, revoked } = await syncGrants(trx, file);
    if (dropped.length > 0 || revoked.length > 0) {
      options.beforeLosses?.({ disabledAgencies: [...dropped].sort(), revokedGrants: revoked });
    }
    await syncOrigins(trx, file);
    await trx.deleteFrom('citizen_coordinates').execute();
    const citizen = [...new Set(file.citizen.coordinates)];
    if (citizen.length > 0) {
      await trx
        .insertInto('citizen_coordinates')
        .values(citizen.map((coordinate) => ({ coordinate })))
        .execute();
    }
    return {
      purposes: file.purposes.length,
      agencies: file.agencies.length,
      grants: granted,
      revokedGrants: revoked.length,
      disabledAgencies: dropped,
    };
  });
}

const grantKey = (agency: string, purpose: string, coordinate: string) =>
  JSON.stringify([agency, purpose, coordinate]);

async function syncGrants(
  trx: Transaction<HubDB>,
  file: RegistryFile,
): Promise<{ granted: number; revoked: RevokedGrant[] }> {
  const wanted = new Map<string, { agency_id: string; purpose: string; coordinate: string }>();
  for (const g of file.grants) {
    for (const coordinate of g.coordinates) {
      wanted.set(grantKey(g.agency, g.purpose, coordinate), {
        agency_id: g.agency,
        purpose: g.purpose,
        coordinate,
      });
    }
  }
  const fromFile = await trx
    .selectFrom('grants')
    .select(['agency_id', 'purpose', 'coordinate'])
    .where('source', '=', 'file')
    .execute();
  const stale = fromFile.filter((r) => !wanted.has(grantKey(r.agency_id, r.purpose, r.coordinate)));
  for (const r of stale) {
    await trx
      .deleteFrom('grants')
      .where('agency_id', '=', r.agency_id)
      .where('purpose', '=', r.purpose)
      .where('coordinate', '=', r.coordinate)
      .execute();
  }
  const rows = [...wanted.values()].map((r) => ({ ...r, source: 'file' as const }));
  // A few hundred parameters per statement stay far below both engines' limits.
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('grants')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['agency_id', 'purpose', 'coordinate']).doUpdateSet({ source: 'file' }),
      )
      .execute();
  }
  const revoked = stale
    .map((r) => ({ agency: r.agency_id, purpose: r.purpose, coordinate: r.coordinate }))
    .sort((a, b) =>
      grantKey(a.agency, a.purpose, a.coordinate).localeCompare(
        grantKey(b.agency, b.purpose, b.coordinate),
      ),
    );
  return { granted: rows.length, revoked };
}

/**
 * The file's origins, like its grants: what it lists is written with source `file`; a `file`
 * origin no longer listed is removed; origins added with `agency origin add` stay. The citizen
 * portal's origins are the file's alone.
 */
async function syncOrigins(trx: Transaction<HubDB>, file: RegistryFile): Promise<void> {
  const wanted = new Map<string, { agency_id: string; origin: string }>();
  for (const a of file.agencies) {
    for (const origin of a.origins ?? []) {
      wanted.set(JSON.stringify([a.id, origin]), { agency_id: a.id, origin });
    }
  }
  const fromFile = await trx
    .selectFrom('agency_origins')
    .select(['agency_id', 'origin'])
    .where('source', '=', 'file')
    .execute();
  for (const r of fromFile.filter((r) => !wanted.has(JSON.stringify([r.agency_id, r.origin])))) {
    await trx
      .deleteFrom('agency_origins')
      .where('agency_id', '=', r.agency_id)
      .where('origin', '=', r.origin)
      .execute();
  }
  for (const row of wanted.values()) {
    await trx
      .insertInto('agency_origins')
      .values({ ...row, source: 'file' })
      .onConflict((oc) => oc.columns(['agency_id', 'origin']).doUpdateSet({ source: 'file' }))
      .execute();
  }
  await trx.deleteFrom('citizen_origins').execute();
  const citizen = [...new Set(file.citizen.origins ?? [])];
  if (citizen.length > 0) {
    await trx
      .insertInto('citizen_origins')
      .values(citizen.map((origin) => ({ origin })))
      .execute();
  }
}
