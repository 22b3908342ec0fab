import type { ReviewResolvers } from '../__generated__/resolvers-types.js';

export const Review: ReviewResolvers = {
  department: (row) => row.department,
  status: (row) => row.status,
  decidedAt: (row) => row.decided_at,
  comment: (row) => row.comment,
  reviewerId: (row) => row.reviewer_id,
};
