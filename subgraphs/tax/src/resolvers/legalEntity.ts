import { pageWindow } from '@govgraph/department/db';
import { formatCents } from '@govgraph/schema';
import type {
  EnterpriseTaxProfileResolvers,
  LegalEntityResolvers,
  MajorTaxViolationResolvers,
  TaxFilingResolvers,
} from '../__generated__/resolvers-types.js';

export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (ref) => ({ creditCode: ref.creditCode }),
  creditCode: (ref) => ref.creditCode,
  taxProfile: (ref, _args, { loaders }) => loaders.enterpriseAccount.load(ref.creditCode),
};

export const EnterpriseTaxProfile: EnterpriseTaxProfileResolvers = {
  creditRating: (account) => account.credit_rating,
  creditRatingYear: (account) => account.rating_year,
  // The administration publishes its A list only; any other rating stays confidential.
  publishedCreditRating: (account) => (account.credit_rating === 'A' ? 'A' : null),
  filings: (account, args, { loaders }) =>
    loaders.filings.load({
      parent: account.credit_code,
      window: pageWindow(args, 'EnterpriseTaxProfile.filings'),
    }),
  arrears: (account) => formatCents(account.arrears_cents),
  majorViolations: (account, args, { loaders }) =>
    loaders.majorViolations.load({
      parent: account.credit_code,
      window: pageWindow(args, 'EnterpriseTaxProfile.majorViolations'),
    }),
};

export const TaxFiling: TaxFilingResolvers = {
  period: (row) => row.period,
  taxKind: (row) => row.tax_kind,
  taxableAmount: (row) => formatCents(row.taxable_cents),
  taxPaid: (row) => formatCents(row.tax_paid_cents),
  dueOn: (row) => row.due_on,
  filedOn: (row) => row.filed_on,
  onTime: (row) => row.filed_on <= row.due_on,
};

export const MajorTaxViolation: MajorTaxViolationResolvers = {
  caseNumber: (row) => row.case_number,
  decidedOn: (row) => row.decided_on,
  violation: (row) => row.violation,
  amountEvaded: (row) => formatCents(row.amount_evaded_cents),
  penalty: (row) => formatCents(row.penalty_cents),
};
