import { pageWindow } from '@govgraph/department/db';
import { INVALID_ARGUMENT, quoteInput } from '@govgraph/schema';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { searchLegalEntities } from '../db/searchLegalEntities.js';

const MIN_SEARCH_LENGTH = 2;

export const Query: QueryResolvers = {
  legalEntity: (_root, { creditCode }, { loaders }) => loaders.legalEntity.load(creditCode),
  searchLegalEntities: (_root, { name, first, after }, { db }) => {
    const text = name.trim();
    // Characters, not UTF-16 units: one Chinese character is one character of a name.
    if ([...text].length < MIN_SEARCH_LENGTH) {
      throw INVALID_ARGUMENT.err(
        `searchLegalEntities(name: ${quoteInput(name)}) is too short: give at least ${MIN_SEARCH_LENGTH} characters of the registered name (spaces at either end do not count), or look the entity up by credit code with legalEntity(creditCode:).`,
        { extensions: { argument: 'name' } },
      );
    }
    return searchLegalEntities(db, text, pageWindow({ first, after }, 'searchLegalEntities'));
  },
};
