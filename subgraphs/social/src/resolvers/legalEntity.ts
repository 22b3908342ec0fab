import type { LegalEntityResolvers } from '../__generated__/resolvers-types.js';

export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (ref) => ({ creditCode: ref.creditCode }),
  creditCode: (ref) => ref.creditCode,
  insuredEmployees: (ref, _args, { loaders }) => loaders.insuredEmployees.load(ref.creditCode),
};
