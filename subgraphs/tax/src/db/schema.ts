import type { Selectable } from 'kysely';

/**
 * Tables of the tax administration's own database. Amounts are integer cents (`*_cents`), so
 * no engine rounds them; the resolvers turn them into `Money` strings.
 */
export interface TaxDB {
  person_tax_account: PersonTaxAccountTable;
  person_tax_year: PersonTaxYearTable;
  enterprise_tax_account: EnterpriseTaxAccountTable;
  enterprise_rating: EnterpriseRatingTable;
  tax_filing: TaxFilingTable;
  major_violation: MajorViolationTable;
}

export type TaxCreditRating = 'A' | 'B' | 'M' | 'C' | 'D';
export type TaxKind = 'VAT' | 'CORPORATE_INCOME';

/** One row per person with a tax record; a person without one has no profile. */
export interface PersonTaxAccountTable {
  national_id: string;
  arrears_cents: number;
}

export interface PersonTaxYearTable {
  national_id: string;
  year: number;
  declared_income_cents: number;
  tax_paid_cents: number;
}

/** One row per registered enterprise, with its latest rating (the one its profile shows). */
export interface EnterpriseTaxAccountTable {
  credit_code: string;
  credit_rating: TaxCreditRating;
  rating_year: number;
  arrears_cents: number;
}

/** Every annual evaluation, for the published A lists of past years. */
export interface EnterpriseRatingTable {
  credit_code: string;
  year: number;
  rating: TaxCreditRating;
}

export interface TaxFilingTable {
  credit_code: string;
  tax_kind: TaxKind;
  period: string;
  taxable_cents: number;
  tax_paid_cents: number;
  due_on: string;
  filed_on: string;
}

export interface MajorViolationTable {
  case_number: string;
  credit_code: string;
  decided_on: string;
  violation: string;
  amount_evaded_cents: number;
  penalty_cents: number;
}

/** The representation of a person the gateway sends, and the parent of `Person` fields. */
export interface PersonRef {
  nationalId: string;
}

/** The representation of a legal entity the gateway sends, and the parent of `LegalEntity` fields. */
export interface LegalEntityRef {
  creditCode: string;
}

export type PersonTaxAccountRow = Selectable<PersonTaxAccountTable>;
export type PersonTaxYearRow = Selectable<PersonTaxYearTable>;
export type EnterpriseTaxAccountRow = Selectable<EnterpriseTaxAccountTable>;
export type EnterpriseRatingRow = Selectable<EnterpriseRatingTable>;
export type TaxFilingRow = Selectable<TaxFilingTable>;
export type MajorTaxViolationRow = Selectable<MajorViolationTable>;
