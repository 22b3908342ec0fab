import type { LegalEntityResolvers } from '../__generated__/resolvers-types.js';
import { accessLogPage } from './accessLogPage.js';

// The tracker keeps no entities: a reference is answered from its key alone.
export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (ref) => ({ creditCode: ref.creditCode }),
  creditCode: (ref) => ref.creditCode,
  accessLog: (ref, args, context) =>
    accessLogPage({ kind: 'entity', creditCode: ref.creditCode }, args, context),
};
