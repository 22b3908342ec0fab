import type { EmploymentResolvers } from '../__generated__/resolvers-types.js';

export const Employment: EmploymentResolvers = {
  employer: (row) => ({ creditCode: row.employer_code }),
  since: (row) => row.since,
  position: (row) => row.position,
};
