import { pageWindow } from '@govgraph/department/db';
import type { PersonResolvers } from '../__generated__/resolvers-types.js';

// The business registry keeps no people: a reference is answered from its key alone, and a
// national ID the registry has never seen simply represents no entity.
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ nationalId: ref.nationalId }),
  nationalId: (ref) => ref.nationalId,
  representedEntities: (ref, args, { loaders }) =>
    loaders.representedEntities.load({
      parent: ref.nationalId,
      window: pageWindow(args, 'representedEntities'),
    }),
};
