import type { PersonResolvers } from '../__generated__/resolvers-types.js';

// The population registry owns people; this subgraph answers for any well-formed ID and
// returns null insurance and employment for people it holds no record of.
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ nationalId: ref.nationalId }),
  nationalId: (ref) => ref.nationalId,
  socialInsurance: (ref, _args, { loaders }) => loaders.record.load(ref.nationalId),
  employment: (ref, _args, { loaders }) => loaders.employment.load(ref.nationalId),
};
