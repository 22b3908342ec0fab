import type { ComplaintResolvers } from '../__generated__/resolvers-types.js';

export const Complaint: ComplaintResolvers = {
  id: (row) => row.id,
  filedAt: (row) => row.filed_at,
  // Only the keys: the gateway fetches the person and the entity from their registries.
  complainant: (row) => ({ nationalId: row.complainant_id }),
  against: (row) => ({ creditCode: row.against_code }),
  category: (row) => row.category,
  description: (row) => row.description,
  status: (row) => row.status,
  handlingDepartment: (row) => row.handling_department,
  resolution: (row) => row.resolution,
  resolvedAt: (row) => row.resolved_at,
};
