import type { PersonResolvers } from '../__generated__/resolvers-types.js';
import { accessLogPage } from './accessLogPage.js';

// The tracker keeps no people: a reference is answered from its key alone, and a national ID
// nobody read has an empty access log.
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ nationalId: ref.nationalId }),
  nationalId: (ref) => ref.nationalId,
  accessLog: (ref, args, context) =>
    accessLogPage({ kind: 'person', nationalId: ref.nationalId }, args, context),
};
