import type { Page } from '@govgraph/department/db';
import type { ApplicationKind, ReviewDepartment } from '@govgraph/rules';
import type { Selectable } from 'kysely';

/**
 * Tables of the approval platform's own database. Timestamps are RFC 3339 strings in China's
 * time (+08:00) on both engines, so they sort as text in time order.
 */
export interface ApprovalsDB {
  application: ApplicationTable;
  review: ReviewTable;
}

// The kinds and reviewing departments are the platform's rules, owned by @govgraph/rules.
export type { ApplicationKind, ReviewDepartment } from '@govgraph/rules';
export type DecisionStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface ApplicationTable {
  /** Platform number. */
  id: string;
  /** Exactly one of the two applicant columns is set (a check constraint says so). */
  applicant_national_id: string | null;
  applicant_credit_code: string | null;
  kind: ApplicationKind;
  site_building_id: string | null;
  status: DecisionStatus;
  submitted_at: string;
  decided_at: string | null;
  /**
   * Who submitted: the agency id, `citizen:<national ID>` for a citizen's own submission, or
   * `legacy` for records from before submitters were kept (and records loaded in bulk).
   */
  submitted_by: string;
  /** The submitter's key for a submission through the API, unique per submitter; null for records migrated in bulk. */
  idempotency_key: string | null;
}

/** The submitter of records from before submitters were kept, and of records loaded in bulk. */
export const LEGACY_SUBMITTER = 'legacy';

export interface ReviewTable {
  application_id: string;
  department: ReviewDepartment;
  /** Position in the kind's list of required departments, so reviews come back in that order. */
  position: number;
  status: DecisionStatus;
  decided_at: string | null;
  comment: string | null;
  /** The operator who decided. */
  reviewer_id: string | null;
  /** The agency the deciding operator acted under; null while PENDING and for records loaded in bulk. */
  reviewer_agency: string | null;
}

/** Rows as resolvers receive them (codegen mappers point here). */
export type ApplicationRow = Selectable<ApplicationTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type ApplicationPage = Page<ApplicationRow>;

/** A person seen from the platform: only the key; the population registry owns the rest. */
export interface PersonRef {
  nationalId: string;
}

/** A legal entity seen from the platform: only the key; the business registry owns the rest. */
export interface LegalEntityRef {
  creditCode: string;
}

/** A building seen from the platform: only the key; the real-estate registry owns the rest. */
export interface BuildingRef {
  buildingId: string;
}
