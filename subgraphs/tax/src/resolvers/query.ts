import { pageWindow } from '@govgraph/department/db';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { publishedTaxpayers } from '../db/publishedTaxpayers.js';

export const Query: QueryResolvers = {
  taxCreditRatingsPublished: (_root, { year, first, after }, { db }) =>
    publishedTaxpayers(db, year, pageWindow({ first, after }, 'taxCreditRatingsPublished')),
};
