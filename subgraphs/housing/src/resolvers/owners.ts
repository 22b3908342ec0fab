import { pageWindow } from '@govgraph/department/db';
import type {
  LegalEntityResolvers,
  OwnerResolvers,
  PersonResolvers,
} from '../__generated__/resolvers-types.js';

// Person and LegalEntity belong to other departments; this registry adds their titles. A key the
// registry has never seen simply owns nothing, so references resolve without a lookup.
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ nationalId: ref.nationalId }),
  nationalId: (ref) => ref.nationalId,
  realEstate: (ref, args, { loaders }) =>
    loaders.personTitles.load({
      parent: ref.nationalId,
      window: pageWindow(args, 'Person.realEstate'),
    }),
};

export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (ref) => ({ creditCode: ref.creditCode }),
  creditCode: (ref) => ref.creditCode,
  realEstate: (ref, args, { loaders }) =>
    loaders.companyTitles.load({
      parent: ref.creditCode,
      window: pageWindow(args, 'LegalEntity.realEstate'),
    }),
};

export const Owner: OwnerResolvers = {
  __resolveType: (ref) => ('nationalId' in ref ? 'Person' : 'LegalEntity'),
};
