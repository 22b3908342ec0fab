// The contracts shared by the hub store, the gateway's access and audit layers, the caches and
// the data tracker. Each is implemented once; everything else codes against these types.

import type { ClassificationLevel } from '@govgraph/schema/directives';

// Sensitivity levels are the standards' own (README: The standards); re-exported for the hub's users.
export { CLASSIFICATION_LEVELS, type ClassificationLevel } from '@govgraph/schema/directives';

/** Levels whose reading is always audited. */
export const AUDITED_LEVELS: ReadonlySet<ClassificationLevel> = new Set([
  'PERSONAL',
  'SENSITIVE',
  'CONFIDENTIAL',
]);

/** Who is calling the gateway, once its credential was checked. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'agency';
      agencyId: string;
      name: string;
      /** `auditor` may read any subject's access log. */
      roles: readonly string[];
      credential: 'api-key' | 'jwt' | 'session';
      /**
       * The named operator a service-desk session stands for; the request acts as them and
       * an `X-Operator-Id` naming anyone else is refused. Unset for keys and tokens.
       */
      operatorId?: string;
      /** The department it acts for (`FIRE_SERVICE`); unset for agencies of none (auditors). */
      department?: string;
    }
  | {
      /** A person signed in with a citizen token whose subject is their national ID. */
      kind: 'citizen';
      nationalId: string;
    };

/** Sign-in of named operators at the service desk (docs/access.md "Service-desk sessions"). */
export interface OperatorSessions {
  /** How long a session lasts from sign-in, in seconds. */
  readonly ttlSeconds: number;
  /**
   * Checks the operator's password and opens a session: the opaque token is returned once and
   * only its hash is stored. A wrong agency, operator or password throws UNAUTHENTICATED with
   * one message for all three; a disabled operator or agency says so.
   */
  signIn(input: {
    agencyId: string;
    operatorId: string;
    password: string;
  }): Promise<{ token: string; expiresAt: Date; operatorName: string }>;
  /** Ends the session; an unknown token is ignored. */
  signOut(token: string): Promise<void>;
}
/**
 * The limits an agency can have raised (or lowered) in the registry, by the gateway's names
 * (`RequestLimits` in the gateway; docs/limits.md). Whole positive numbers.
 */
export const AGENCY_LIMIT_NAMES = [
  'maxDepth',
  'maxAliases',
  'maxDirectives',
  'maxTokens',
  'maxCost',
  'requestsPerSecond',
  'costPerSecond',
  'maxResponseBytes',
] as const;

export type AgencyLimitName = (typeof AGENCY_LIMIT_NAMES)[number];

/** One agency's overrides: a limit it does not name is the gateway's default. */
export type AgencyLimits = Partial<Record<AgencyLimitName, number>>;

/** A registered purpose of processing. */
export interface Purpose {
  code: string;
  description: string;
  legalBasis: string;
}

/**
 * What the gateway asks the registry on every request. Lookups after `authenticate` are
 * synchronous: the registry keeps an in-memory snapshot and refreshes it in the background.
 */
export interface AccessRegistry {
  /**
   * Identifies the caller. No credential at all is `anonymous`; a credential that is present
   * but invalid (unknown/revoked key, bad signature, wrong issuer/audience, expired) throws an
   * `UNAUTHENTICATED` GraphQLError whose message says which.
   */
  authenticate(credentials: { apiKey?: string; bearerToken?: string }): Promise<Caller>;
  purpose(code: string): Purpose | undefined;
  /** Every registered purpose, by code (the data catalog lists what may be read under each). */
  purposes(): readonly Purpose[];
  /**
   * The field coordinates (`Person.name`, or `LegalEntity.*` for every field of a type) the
   * agency may read under the purpose; undefined when it holds no grant for that purpose.
   */
  grantedCoordinates(agencyId: string, purpose: string): ReadonlySet<string> | undefined;
  /** What a citizen may read about themself (e.g. `Query.person`, `Person.accessLog`). */
  citizenCoordinates(): ReadonlySet<string>;
  /**
   * The agency's limit overrides from the registry (empty when it has none, or is unknown):
   * a synchronous read of the snapshot, like the grants.
   */
  agencyLimits(agencyId: string): Readonly<AgencyLimits>;
  /**
   * The enabled agencies that list this web origin (`https://desk.example.gov`, exactly as a
   * browser sends it in `Origin`) for their browser apps; empty when none does.
   */
  agenciesAllowingOrigin(origin: string): ReadonlySet<string>;
  /** Whether the agency lists the origin (false for a disabled or unknown agency). */
  agencyAllowsOrigin(agencyId: string, origin: string): boolean;
  /** Whether the citizen portal is served from the origin (registry file: `citizen.origins`). */
  citizenAllowsOrigin(origin: string): boolean;
  /** Increases whenever grants, purposes, credentials, origins or limits change; part of policy cache keys. */
  readonly version: number;
  close(): Promise<void>;
}

export type AuditOutcome = 'ok' | 'partial' | 'denied' | 'error';

/**
 * An allowed mutation is two records: the `intent`, written before it runs (its outcome is the
 * access decision, `ok`), and the `outcome`, written after. Reads and denials have no phase.
 */
export type AuditPhase = 'intent' | 'outcome';

/** What the gateway records about one operation. Never the returned values. */
export interface AuditEntry {
  at: Date;
  /** The hub's own id of the request (a UUID), never the caller's. */
  requestId: string;
  /**
   * The caller's `X-Request-Id`, when it was well formed: their name for the request, kept to
   * join their logs with the hub's. Absent on records written before it existed.
   */
  correlationId?: string;
  /** `anonymous`, an agency id, or `citizen` (the national ID is then in `subjects`). */
  callerKind: Caller['kind'];
  agencyId: string | null;
  operatorId: string | null;
  purpose: string | null;
  caseId: string | null;
  /** sha256 of the operation text, hex. */
  operationHash: string;
  operationName: string | null;
  /** Every field coordinate the operation asked for. */
  coordinates: readonly string[];
  /** Coordinates refused, with their reason (empty unless `outcome` is `denied`). */
  denied: readonly { coordinate: string; reason: string }[];
  /** National IDs and credit codes whose data the response carried, sorted, unique. */
  subjects: readonly string[];
  outcome: AuditOutcome;
  /** True when the answer came from a cache (still an access). */
  cached: boolean;
  /** Set on the two records of an allowed mutation only. */
  phase?: AuditPhase;
}

/** An audit entry as stored: numbered and chained to the one before. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  /** The hash of the record before (64 zeros for the first). */
  prevHash: string;
  /** sha256 over the canonical form of this record including `prevHash`, hex. */
  hash: string;
}

/** Appends audit entries. Batched: concurrent appends share one transaction (group commit). */
export interface AuditLog {
  /** Resolves once the entry is committed; rejects when it could not be (the caller fails closed). */
  append(entry: AuditEntry): Promise<void>;
  /** Flushes what is queued, then stops accepting entries. */
  close(): Promise<void>;
}

/** Reads the audit log by data subject (the data tracker). */
export interface AuditReader {
  /**
   * Newest first, at most `limit` per subject; with `before`, only records older than that
   * sequence number (the next page of a subject's log, stable while records are appended).
   */
  recordsForSubjects(
    subjects: readonly string[],
    limit: number,
    options?: { before?: number },
  ): Promise<ReadonlyMap<string, readonly AuditRecord[]>>;
  /** How many records name each subject (0 for a subject never read). */
  countsForSubjects(subjects: readonly string[]): Promise<ReadonlyMap<string, number>>;
}
