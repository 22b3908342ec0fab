import type { Page } from '@govgraph/department/db';
import type { Selectable } from 'kysely';

/**
 * Tables of the business registry's own database. Money columns hold the canonical decimal
 * string (`"1234.50"`), so no engine rounds them.
 */
export interface MarketDB {
  legal_entity: LegalEntityTable;
  inspection: InspectionTable;
  administrative_penalty: AdministrativePenaltyTable;
  abnormal_listing: AbnormalListingTable;
  dishonesty_listing: DishonestyListingTable;
}

export type LegalEntityKind =
  | 'LIMITED_LIABILITY'
  | 'JOINT_STOCK'
  | 'SOLE_PROPRIETORSHIP'
  | 'PARTNERSHIP'
  | 'INDIVIDUAL_BUSINESS'
  | 'FARMERS_COOPERATIVE';
export type LegalEntityStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'CANCELLED';
export type InspectionResult = 'PASSED' | 'ISSUES_FOUND' | 'FAILED';
export type PenaltyKind = 'WARNING' | 'FINE' | 'CONFISCATION' | 'SUSPENSION' | 'LICENSE_REVOKED';

export interface LegalEntityTable {
  credit_code: string;
  name: string;
  /** The name lower-cased in JavaScript: both engines then search it the same way. */
  name_folded: string;
  kind: LegalEntityKind;
  status: LegalEntityStatus;
  established: string;
  registered_capital: string;
  business_scope: string;
  division_code: string;
  address: string;
  building_id: string;
  /** National ID of the legal representative (a person of the population registry). */
  representative_id: string | null;
}

export interface InspectionTable {
  id: string;
  credit_code: string;
  inspected_on: string;
  authority: string;
  result: InspectionResult;
  findings: string;
}

export interface AdministrativePenaltyTable {
  id: string;
  credit_code: string;
  decision_number: string;
  decided_on: string;
  authority: string;
  violation: string;
  kind: PenaltyKind;
  amount: string | null;
}

export interface AbnormalListingTable {
  id: string;
  credit_code: string;
  listed_on: string;
  reason: string;
  authority: string;
  removed_on: string | null;
  removal_reason: string | null;
}

export interface DishonestyListingTable {
  credit_code: string;
  listed_on: string;
  reason: string;
  authority: string;
}

/** Rows as resolvers receive them (codegen mappers point here). */
export type LegalEntityRow = Selectable<LegalEntityTable>;
export type InspectionRow = Selectable<InspectionTable>;
export type AdministrativePenaltyRow = Selectable<AdministrativePenaltyTable>;
export type AbnormalListingRow = Selectable<AbnormalListingTable>;
export type DishonestyListingRow = Selectable<DishonestyListingTable>;

/** A person seen from the business registry: only the key; the population registry owns the rest. */
export interface PersonRef {
  nationalId: string;
}

export type LegalEntityPage = Page<LegalEntityRow>;
export type InspectionPage = Page<InspectionRow>;
export type AdministrativePenaltyPage = Page<AdministrativePenaltyRow>;
export type AbnormalListingPage = Page<AbnormalListingRow>;
