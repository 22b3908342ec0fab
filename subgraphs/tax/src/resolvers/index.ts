import type { Resolvers } from '../__generated__/resolvers-types.js';
import { EnterpriseTaxProfile, LegalEntity, MajorTaxViolation, TaxFiling } from './legalEntity.js';
import { Person, PersonTaxProfile, PersonTaxYear } from './person.js';
import { Query } from './query.js';

export const resolvers: Resolvers = {
  Query,
  Person,
  PersonTaxProfile,
  PersonTaxYear,
  LegalEntity,
  EnterpriseTaxProfile,
  TaxFiling,
  MajorTaxViolation,
};
