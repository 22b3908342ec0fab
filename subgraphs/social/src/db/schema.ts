import type { Selectable } from 'kysely';

/**
 * Tables of the social insurance agency's own database. Amounts are integer cents
 * (`*_cents`), so no engine rounds them; the resolvers turn them into `Money` strings.
 */
export interface SocialDB {
  employer: EmployerTable;
  insurance_record: InsuranceRecordTable;
  employment: EmploymentTable;
  contribution: ContributionTable;
}

export type PensionStatus = 'NOT_INSURED' | 'CONTRIBUTING' | 'SUSPENDED' | 'RECEIVING_PENSION';

/** Every entity registered with the agency as an employer (a unit must register to insure staff). */
export interface EmployerTable {
  credit_code: string;
}

/**
 * One row per person the agency knows; a person without one has no `socialInsurance`.
 * `record_no` is the agency's own sequential number: contributions hang off it, so the
 * biggest table is written in key order.
 */
export interface InsuranceRecordTable {
  national_id: string;
  record_no: number;
  pension_status: PensionStatus;
  insured_since: string | null;
  monthly_pension_cents: number | null;
}

/** A person's current job; `employer_code` is counted for `LegalEntity.insuredEmployees`. */
export interface EmploymentTable {
  national_id: string;
  employer_code: string;
  since: string;
  position: string | null;
}

export interface ContributionTable {
  record_no: number;
  /** YYYY-MM. */
  period: string;
  /** Null for a flexibly employed person paying alone. */
  employer_code: string | null;
  base_cents: number;
  amount_cents: number;
}

/** What `Person` and `LegalEntity` resolvers receive: just the key, as the gateway sends it. */
export interface PersonRef {
  nationalId: string;
}
export interface LegalEntityRef {
  creditCode: string;
}

export type InsuranceRecordRow = Selectable<InsuranceRecordTable>;
export type EmploymentRow = Selectable<EmploymentTable>;
export type ContributionRow = Selectable<ContributionTable>;
