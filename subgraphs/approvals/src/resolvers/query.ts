import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  application: (_root, { id }, { loaders }) => loaders.application.load(id),
};
