import type { Generated, Selectable } from 'kysely';

/** Where a registry row came from: the reviewed registry file, or the `agency` command. */
export type RowSource = 'file' | 'cli';

/** Tables of the hub's own database. */
export interface HubDB {
  purposes: PurposeTable;
  agencies: AgencyTable;
  api_keys: ApiKeyTable;
  grants: GrantTable;
  citizen_coordinates: CitizenCoordinateTable;
  audit_records: AuditRecordTable;
  audit_subjects: AuditSubjectTable;
  audit_head: AuditHeadTable;
  operators: OperatorTable;
  operator_sessions: OperatorSessionTable;
  agency_origins: AgencyOriginTable;
  citizen_origins: CitizenOriginTable;
}

export interface PurposeTable {
  code: string;
  description: string;
  legal_basis: string;
  source: RowSource;
}

export interface AgencyTable {
  id: string;
  name: string;
  /** JSON array of role names, e.g. `["auditor"]`. */
  roles: string;
  jwt_issuer: string | null;
  /** The `aud` its tokens must carry; null means the hub's default audience. */
  jwt_audience: string | null;
  /** A JWK (JSON text) or an SPKI PEM. */
  jwt_public_key: string | null;
  /** 0 or 1 on both engines. */
  disabled: number;
  source: RowSource;
  /** The department it acts for (`FIRE_SERVICE`), or null (e.g. an auditor). */
  department: string | null;
  /** Its limit overrides as a JSON object (`{"maxDepth":20}`), or null: the gateway's defaults. */
  limits: string | null;
}

export interface ApiKeyTable {
  id: string;
  agency_id: string;
  /** The first characters of the key, for display (`gg_AbCdEfGh…`). */
  prefix: string;
  /** sha256 of the whole key, hex. */
  hash: string;
  /** ISO 8601 UTC. */
  created_at: string;
  revoked_at: string | null;
  /** ISO 8601 UTC from which the key is refused; null: it never expires (migration 0008). */
  expires_at: string | null;
}

export interface GrantTable {
  agency_id: string;
  purpose: string;
  /** `Type.field`, or `Type.*` for every field of the type. */
  coordinate: string;
  source: RowSource;
}

export interface CitizenCoordinateTable {
  coordinate: string;
}

/** One audit record; arrays are JSON text, `at` ISO 8601 UTC. */
export interface AuditRecordTable {
  seq: number;
  at: string;
  request_id: string;
  /** Null on records written before migration 0003, and when the caller sent none. */
  correlation_id: string | null;
  caller_kind: string;
  agency_id: string | null;
  operator_id: string | null;
  purpose: string | null;
  case_id: string | null;
  operation_hash: string;
  operation_name: string | null;
  coordinates: string;
  denied: string;
  subjects: string;
  outcome: string;
  /** 0 or 1. */
  cached: number;
  prev_hash: string;
  hash: string;
  /** `intent` or `outcome` for an allowed mutation's two records; null otherwise. */
  phase: string | null;
}

/** The data tracker's index: which records name a subject. Written with the record. */
export interface AuditSubjectTable {
  subject: string;
  seq: number;
}

/** One row (id 1): the last record's seq and hash. Appends lock it, so the chain has one tail. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** The last record whose subjects are in `audit_subjects` (≤ `seq`; the index may trail). */
  indexed_seq: Generated<number>;
}

/** A named official of an agency who signs in at the service desk (docs/access.md). */
export interface OperatorTable {
  agency_id: string;
  id: string;
  name: string;
  /** `scrypt$N$r$p$<salt b64url>$<key b64url>`. */
  password_hash: string;
  /** 0 or 1. */
  disabled: number;
  created_at: string;
}

/** A signed-in operator's session: only the sha256 of its opaque token is kept. */
export interface OperatorSessionTable {
  token_hash: string;
  agency_id: string;
  operator_id: string;
  /** ISO 8601 UTC. */
  created_at: string;
  expires_at: string;
}

export type AgencyRow = Selectable<AgencyTable>;
export type GrantRow = Selectable<GrantTable>;
export type AuditRecordRow = Selectable<AuditRecordTable>;

/** A web origin an agency's browser pages are served from (`https://desk.example.gov`). */
export interface AgencyOriginTable {
  agency_id: string;
  /** `scheme://host[:port]`, lower-case, default port left out. */
  origin: string;
  source: RowSource;
}

/** A web origin of the citizen portal (from the registry file's `citizen.origins`). */
export interface CitizenOriginTable {
  origin: string;
}
