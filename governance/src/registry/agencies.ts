import { ensureError } from '@govgraph/schema';
import type { HubStore } from '../store/openHubStore.js';
import type { AgencyRow, RowSource } from '../store/schema.js';
import { HubAdminError } from './HubAdminError.js';
import { parsePublicKey } from './publicKey.js';

/** Agency ids: lower-case words joined by dashes (`tax-bureau`); they appear in audit records. */
const AGENCY_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Department codes as the departments' schemas spell them (`FIRE_SERVICE`). */
const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
/** Caller kinds an agency id must not be mistaken for in the audit log. */
const RESERVED_IDS = new Set(['anonymous', 'citizen']);

/** How an agency's JWT bearer tokens are checked. */
export interface AgencyJwt {
  /** The `iss` its tokens carry. */
  issuer: string;
  /** The `aud` its tokens must carry; unset means the hub's default audience. */
  audience?: string | undefined;
  /** The issuer's verification key: a JWK (JSON text) or an SPKI PEM. */
  publicKey: string;
}

/** A registered agency as listed. */
export interface AgencyInfo {
  id: string;
  name: string;
  roles: string[];
  jwt: AgencyJwt | null;
  disabled: boolean;
  source: RowSource;
  /** The department it acts for, or null. */
  department: string | null;
}

/** The problem with an agency id, or null. */
export function agencyIdProblem(id: string): string | null {
  if (!AGENCY_ID.test(id)) {
    return `${JSON.stringify(id)} is not an agency id: use lower-case letters, digits and dashes (tax-bureau)`;
  }
  if (RESERVED_IDS.has(id)) return `${JSON.stringify(id)} is reserved for a kind of caller`;
  return null;
}

/** The problem with a department code, or null. */
export function departmentProblem(code: string): string | null {
  if (DEPARTMENT_CODE.test(code)) return null;
  return `${JSON.stringify(code)} is not a department code: use upper-case words joined by underscores (FIRE_SERVICE)`;
}

function requireDepartmentCode(code: string): void {
  const problem = departmentProblem(code);
  if (problem) throw new HubAdminError(`${problem}.`);
}

function toAgencyInfo(row: AgencyRow): AgencyInfo {
  return {
    id: row.id,
    name: row.name,
    roles: JSON.parse(row.roles) as string[],
    jwt:
      row.jwt_issuer !== null && row.jwt_public_key !== null
        ? {
            issuer: row.jwt_issuer,
            audience: row.jwt_audience ?? undefined,
            publicKey: row.jwt_public_key,
          }
        : null,
    disabled: row.disabled !== 0,
    source: row.source,
    department: row.department,
  };
}

/** Registers a new agency (no credentials or grants yet). Throws when the id is taken or malformed. */
export async function addAgency(
  store: HubStore,
  agency: { id: string; name: string; roles?: readonly string[]; department?: string },
): Promise<void> {
  const problem = agencyIdProblem(agency.id);
  if (problem) throw new HubAdminError(`${problem}.`);
  if (agency.name.trim() === '') throw new HubAdminError('Give the agency a name (--name).');
  if (agency.department !== undefined) requireDepartmentCode(agency.department);
  const existing = await store.db
    .selectFrom('agencies')
    .select('id')
    .where('id', '=', agency.id)
    .executeTakeFirst();
  if (existing) throw new HubAdminError(`Agency ${JSON.stringify(agency.id)} already exists.`);
  await store.db
    .insertInto('agencies')
    .values({
      id: agency.id,
      name: agency.name.trim(),
      roles: JSON.stringify([...new Set(agency.roles ?? [])].sort()),
      jwt_issuer: null,
      jwt_audience: null,
      jwt_public_key: null,
      disabled: 0,
      source: 'cli',
      department: agency.department ?? null,
    })
    .execute();
}

/** Sets the department the agency acts for, or clears it (null). */
export async function setAgencyDepartment(
  store: HubStore,
  agencyId: string,
  department: string | null,
): Promise<void> {
  await requireAgency(store, agencyId);
  if (department !== null) requireDepartmentCode(department);
  await store.db.updateTable('agencies').set({ department }).where('id', '=', agencyId).execute();
}

/** Every agency, by id. */
export async function listAgencies(store: HubStore): Promise<AgencyInfo[]> {
  const rows = await store.db.selectFrom('agencies').selectAll().orderBy('id').execute();
  return rows.map(toAgencyInfo);
}

/** Lets an agency authenticate with JWT bearer tokens from its own issuer; replaces any earlier setting. */
export async function setAgencyJwt(
  store: HubStore,
  agencyId: string,
  jwt: AgencyJwt,
): Promise<void> {
  await requireAgency(store, agencyId);
  if (jwt.issuer.trim() === '') throw new HubAdminError('Give the token issuer (--issuer).');
  try {
    parsePublicKey(jwt.publicKey);
  } catch (error) {
    throw new HubAdminError(`The public key cannot be used: ${ensureError(error).message}.`);
  }
  await store.db
    .updateTable('agencies')
    .set({
      jwt_issuer: jwt.issuer,
      jwt_audience: jwt.audience ?? null,
      jwt_public_key: jwt.publicKey.trim(),
    })
    .where('id', '=', agencyId)
    .execute();
}

/** Disables (or re-enables) an agency: its keys and tokens stop working, nothing is deleted. */
export async function setAgencyDisabled(
  store: HubStore,
  agencyId: string,
  disabled: boolean,
): Promise<void> {
  await requireAgency(store, agencyId);
  await store.db
    .updateTable('agencies')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', agencyId)
    .execute();
}

/** Throws a HubAdminError unless the agency is registered. */
export async function requireAgency(store: HubStore, agencyId: string): Promise<void> {
  const row = await store.db
    .selectFrom('agencies')
    .select('id')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!row) {
    throw new HubAdminError(
      `There is no agency ${JSON.stringify(agencyId)}; \`agency list\` shows the registered ones.`,
    );
  }
}
