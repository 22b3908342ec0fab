import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  complaint: (_root, { id }, { loaders }) => loaders.complaint.load(id),
};
