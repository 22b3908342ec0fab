import type { AccessRecordConnectionResolvers } from '../__generated__/resolvers-types.js';

export const AccessRecordConnection: AccessRecordConnectionResolvers = {
  nodes: (page) => page.nodes,
  pageInfo: (page) => page.pageInfo,
  // Counted only when asked for: one grouped count per request, however many subjects.
  totalCount: (page, _args, { loaders }) => loaders.accessLogCount.load(page.subject),
};
