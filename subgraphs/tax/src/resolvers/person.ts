import { formatCents, INVALID_ARGUMENT } from '@govgraph/schema';
import type {
  PersonResolvers,
  PersonTaxProfileResolvers,
  PersonTaxYearResolvers,
} from '../__generated__/resolvers-types.js';

const MAX_YEARS = 10;

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ nationalId: ref.nationalId }),
  nationalId: (ref) => ref.nationalId,
  taxProfile: (ref, _args, { loaders }) => loaders.personAccount.load(ref.nationalId),
};

export const PersonTaxProfile: PersonTaxProfileResolvers = {
  years: async (account, { last }, { loaders }) => {
    if (!Number.isInteger(last) || last < 1 || last > MAX_YEARS) {
      throw INVALID_ARGUMENT.err(
        `PersonTaxProfile.years(last: ${last}) is out of range: ask for 1 to ${MAX_YEARS} of the most recent tax years.`,
        { extensions: { argument: 'last' } },
      );
    }
    const years = await loaders.personYears.load(account.national_id);
    return years.slice(0, last);
  },
  arrears: (account) => formatCents(account.arrears_cents),
  hasArrears: (account) => account.arrears_cents > 0,
};

export const PersonTaxYear: PersonTaxYearResolvers = {
  year: (row) => row.year,
  declaredIncome: (row) => formatCents(row.declared_income_cents),
  taxPaid: (row) => formatCents(row.tax_paid_cents),
};
