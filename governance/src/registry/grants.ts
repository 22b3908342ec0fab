import type { HubStore } from '../store/openHubStore.js';
import type { GrantRow, RowSource } from '../store/schema.js';
import type { Purpose } from '../types.js';
import { requireAgency } from './agencies.js';
import { coordinateProblem } from './coordinate.js';
import { HubAdminError } from './HubAdminError.js';

/** Purpose codes: upper-case words joined by underscores (`TAX_AUDIT`). */
export const PURPOSE_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** One granted coordinate as listed. */
export interface GrantInfo {
  agencyId: string;
  purpose: string;
  coordinate: string;
  source: RowSource;
}

/** Registers a purpose of processing. Throws when the code is taken or malformed. */
export async function addPurpose(store: HubStore, purpose: Purpose): Promise<void> {
  if (!PURPOSE_CODE.test(purpose.code)) {
    throw new HubAdminError(
      `${JSON.stringify(purpose.code)} is not a purpose code: use upper-case words joined by underscores (TAX_AUDIT).`,
    );
  }
  if (purpose.description.trim() === '' || purpose.legalBasis.trim() === '') {
    throw new HubAdminError('A purpose needs a description and a legal basis.');
  }
  const existing = await store.db
    .selectFrom('purposes')
    .select('code')
    .where('code', '=', purpose.code)
    .executeTakeFirst();
  if (existing) throw new HubAdminError(`Purpose ${purpose.code} already exists.`);
  await store.db
    .insertInto('purposes')
    .values({
      code: purpose.code,
      description: purpose.description.trim(),
      legal_basis: purpose.legalBasis.trim(),
      source: 'cli',
    })
    .execute();
}

/** Every registered purpose, by code. */
export async function listPurposes(store: HubStore): Promise<Purpose[]> {
  const rows = await store.db.selectFrom('purposes').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, description: r.description, legalBasis: r.legal_basis }));
}

async function checkGrantArguments(
  store: HubStore,
  agencyId: string,
  purpose: string,
  coordinates: readonly string[],
): Promise<void> {
  await requireAgency(store, agencyId);
  const known = await store.db
    .selectFrom('purposes')
    .select('code')
    .where('code', '=', purpose)
    .executeTakeFirst();
  if (!known) {
    throw new HubAdminError(
      `There is no purpose ${JSON.stringify(purpose)}; register it first (\`agency purpose add\`).`,
    );
  }
  if (coordinates.length === 0) throw new HubAdminError('Name at least one field coordinate.');
  const problems = coordinates.map(coordinateProblem).filter((p): p is string => p !== null);
  if (problems.length > 0) throw new HubAdminError(`${problems.join('; ')}.`);
}

/**
 * Grants an agency the coordinates under a purpose. Returns the coordinates that were new
 * (granting what is already granted changes nothing).
 */
export async function grantCoordinates(
  store: HubStore,
  agencyId: string,
  purpose: string,
  coordinates: readonly string[],
): Promise<string[]> {
  await checkGrantArguments(store, agencyId, purpose, coordinates);
  const unique = [...new Set(coordinates)];
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('grants')
      .select('coordinate')
      .where('agency_id', '=', agencyId)
      .where('purpose', '=', purpose)
      .where('coordinate', 'in', unique)
      .execute();
    const had = new Set(existing.map((r) => r.coordinate));
    const added = unique.filter((c) => !had.has(c));
    if (added.length > 0) {
      await trx
        .insertInto('grants')
        .values(
          added.map((coordinate) => ({
            agency_id: agencyId,
            purpose,
            coordinate,
            source: 'cli' as const,
          })),
        )
        .execute();
    }
    return added;
  });
}

/**
 * Revokes coordinates from an agency's grant under a purpose. Returns the ones that were
 * granted and are now gone, with where each came from (a `file` grant returns at the next
 * registry sync unless it is also removed from the registry file).
 */
export async function revokeCoordinates(
  store: HubStore,
  agencyId: string,
  purpose: string,
  coordinates: readonly string[],
): Promise<GrantInfo[]> {
  await checkGrantArguments(store, agencyId, purpose, coordinates);
  return store.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('grants')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('purpose', '=', purpose)
      .where('coordinate', 'in', [...new Set(coordinates)])
      .execute();
    if (rows.length > 0) {
      await trx
        .deleteFrom('grants')
        .where('agency_id', '=', agencyId)
        .where('purpose', '=', purpose)
        .where(
          'coordinate',
          'in',
          rows.map((r) => r.coordinate),
        )
        .execute();
    }
    return rows.map(toGrantInfo);
  });
}

/** Granted coordinates, by agency, purpose and coordinate; one agency's when `agencyId` is given. */
export async function listGrants(store: HubStore, agencyId?: string): Promise<GrantInfo[]> {
  let query = store.db.selectFrom('grants').selectAll();
  if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
  const rows = await query.orderBy('agency_id').orderBy('purpose').orderBy('coordinate').execute();
  return rows.map(toGrantInfo);
}

function toGrantInfo(row: GrantRow): GrantInfo {
  return {
    agencyId: row.agency_id,
    purpose: row.purpose,
    coordinate: row.coordinate,
    source: row.source,
  };
}
