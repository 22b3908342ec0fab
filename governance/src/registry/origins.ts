import type { HubStore } from '../store/openHubStore.js';
import type { RowSource } from '../store/schema.js';
import { requireAgency } from './agencies.js';
import { HubAdminError } from './HubAdminError.js';

/** One origin an agency lists, as shown by `agency origin list`. */
export interface OriginInfo {
  agencyId: string;
  origin: string;
  source: RowSource;
}

const SCHEMES = new Set(['http:', 'https:']);

/**
 * The origin as browsers send it in `Origin` (`https://desk.example.gov`, `http://localhost:5173`),
 * or the problem with it. Only exact origins: a scheme (http or https), a host and an optional
 * port; no wildcard, path, query, user or trailing slash. Host and scheme are lower-cased and a
 * default port left out, so the comparison with a browser's `Origin` is exact.
 */
export function parseOrigin(value: string): { origin: string } | { problem: string } {
  const quoted = JSON.stringify(value);
  const usage = 'give it as scheme://host[:port], e.g. https://desk.example.gov';
  if (value.includes('*')) {
    return { problem: `${quoted} is not an origin: wildcards are not allowed; ${usage}` };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `${quoted} is not an origin: ${usage}` };
  }
  if (!SCHEMES.has(url.protocol)) {
    return { problem: `${quoted} is not an origin: the scheme must be http or https; ${usage}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { problem: `${quoted} is not an origin: it must not carry a user name; ${usage}` };
  }
  const bare = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(value);
  if (!bare || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return {
      problem: `${quoted} is not an origin: it must not have a path, query or trailing slash; ${usage}`,
    };
  }
  return { origin: url.origin };
}

/** The origin in its exact form; throws a HubAdminError saying what is wrong with it. */
export function requireOrigin(value: string): string {
  const parsed = parseOrigin(value.trim());
  if ('problem' in parsed) throw new HubAdminError(`${parsed.problem}.`);
  return parsed.origin;
}

/** Lets the agency's browser pages on `origin` call the gateway. Returns false when already listed. */
export async function addAgencyOrigin(
  store: HubStore,
  agencyId: string,
  origin: string,
): Promise<boolean> {
  await requireAgency(store, agencyId);
  const exact = requireOrigin(origin);
  const existing = await store.db
    .selectFrom('agency_origins')
    .select('origin')
    .where('agency_id', '=', agencyId)
    .where('origin', '=', exact)
    .executeTakeFirst();
  if (existing) return false;
  await store.db
    .insertInto('agency_origins')
    .values({ agency_id: agencyId, origin: exact, source: 'cli' })
    .execute();
  return true;
}

/** Stops accepting the agency's requests from `origin`. Returns the removed row, if it was listed. */
export async function removeAgencyOrigin(
  store: HubStore,
  agencyId: string,
  origin: string,
): Promise<OriginInfo | undefined> {
  await requireAgency(store, agencyId);
  const exact = requireOrigin(origin);
  const row = await store.db
    .deleteFrom('agency_origins')
    .where('agency_id', '=', agencyId)
    .where('origin', '=', exact)
    .returning(['agency_id', 'origin', 'source'])
    .executeTakeFirst();
  return row && { agencyId: row.agency_id, origin: row.origin, source: row.source };
}

/** The origins an agency lists, sorted. */
export async function listAgencyOrigins(store: HubStore, agencyId: string): Promise<OriginInfo[]> {
  await requireAgency(store, agencyId);
  const rows = await store.db
    .selectFrom('agency_origins')
    .select(['agency_id', 'origin', 'source'])
    .where('agency_id', '=', agencyId)
    .orderBy('origin')
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, origin: r.origin, source: r.source }));
}
