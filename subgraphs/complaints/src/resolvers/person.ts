import { pageWindow } from '@govgraph/department/db';
import type { PersonResolvers } from '../__generated__/resolvers-types.js';

// The hotline keeps no people: a reference is answered from its key alone, and a national ID
// the hotline has never seen simply has filed no complaint.
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ nationalId: ref.nationalId }),
  nationalId: (ref) => ref.nationalId,
  complaintsFiled: (ref, args, { loaders }) =>
    loaders.complaintsFiled.load({
      parent: ref.nationalId,
      window: pageWindow(args, 'complaintsFiled'),
    }),
};
