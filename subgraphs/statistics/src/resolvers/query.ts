import { pageWindow, toPage } from '@govgraph/department/db';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';

export const Query: QueryResolvers = {
  indicator: (_root, { code }, { loaders }) => loaders.indicator.load(code),
  indicators: async (_root, args, { db }) => {
    const window = pageWindow(args, 'indicators');
    const [rows, count] = await Promise.all([
      db
        .selectFrom('indicator')
        .selectAll()
        .orderBy('code')
        .limit(window.limit + 1)
        .offset(window.offset)
        .execute(),
      db
        .selectFrom('indicator')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return toPage(rows, window, Number(count.n));
  },
};
