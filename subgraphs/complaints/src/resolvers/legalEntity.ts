import { pageWindow } from '@govgraph/department/db';
import type { LegalEntityResolvers } from '../__generated__/resolvers-types.js';

// The hotline keeps no entities: a reference is answered from its key alone, and a credit code
// the hotline has never seen simply has no complaint against it.
export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (ref) => ({ creditCode: ref.creditCode }),
  creditCode: (ref) => ref.creditCode,
  complaints: (ref, { first, after, status }, { loaders }) =>
    loaders.complaintsAgainst.load({
      parent: ref.creditCode,
      window: pageWindow({ first, after }, 'complaints'),
      ...(status ? { filters: { status } } : {}),
    }),
};
