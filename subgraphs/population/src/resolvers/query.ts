import { INVALID_ARGUMENT } from '@govgraph/schema';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';

const MAX_PEOPLE = 100;

export const Query: QueryResolvers = {
  person: (_root, { nationalId }, { loaders }) => loaders.person.load(nationalId),
  people: async (_root, { nationalIds }, { loaders }) => {
    if (nationalIds.length > MAX_PEOPLE) {
      throw INVALID_ARGUMENT.err(
        `people(nationalIds:) takes at most ${MAX_PEOPLE} IDs; got ${nationalIds.length}. Split the list into several requests.`,
        { extensions: { argument: 'nationalIds' } },
      );
    }
    const rows = await loaders.person.loadMany(nationalIds);
    return rows.map((row) => (row instanceof Error ? null : row));
  },
};
