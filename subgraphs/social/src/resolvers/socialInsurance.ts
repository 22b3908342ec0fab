import { pageWindow } from '@govgraph/department/db';
import { formatCents } from '@govgraph/schema';
import type {
  ContributionResolvers,
  SocialInsuranceResolvers,
} from '../__generated__/resolvers-types.js';

export const SocialInsurance: SocialInsuranceResolvers = {
  pensionStatus: (record) => record.pension_status,
  insuredSince: (record) => record.insured_since,
  contributions: (record, args, { loaders }) =>
    loaders.contributions.load({
      parent: String(record.record_no),
      window: pageWindow(args, 'SocialInsurance.contributions'),
    }),
  monthlyPension: (record) =>
    record.monthly_pension_cents === null ? null : formatCents(record.monthly_pension_cents),
};

export const Contribution: ContributionResolvers = {
  period: (row) => row.period,
  employer: (row) => (row.employer_code === null ? null : { creditCode: row.employer_code }),
  contributionBase: (row) => formatCents(row.base_cents),
  amount: (row) => formatCents(row.amount_cents),
};
