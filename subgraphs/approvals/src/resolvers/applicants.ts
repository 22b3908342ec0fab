import { pageWindow } from '@govgraph/department/db';
import type { LegalEntityResolvers, PersonResolvers } from '../__generated__/resolvers-types.js';

// Person and LegalEntity belong to other departments; the platform adds their applications. A
// key the platform has never seen simply filed nothing, so references resolve without a lookup.
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ nationalId: ref.nationalId }),
  nationalId: (ref) => ref.nationalId,
  applications: (ref, args, { loaders }) =>
    loaders.personApplications.load({
      parent: ref.nationalId,
      window: pageWindow(args, 'Person.applications'),
    }),
};

export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (ref) => ({ creditCode: ref.creditCode }),
  creditCode: (ref) => ref.creditCode,
  applications: (ref, args, { loaders }) =>
    loaders.entityApplications.load({
      parent: ref.creditCode,
      window: pageWindow(args, 'LegalEntity.applications'),
    }),
};
