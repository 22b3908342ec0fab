import type { ApplicantResolvers, ApplicationResolvers } from '../__generated__/resolvers-types.js';
import { applicantOf } from '../applicantOf.js';

export const Application: ApplicationResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.application.load(ref.id),
  id: (row) => row.id,
  // Only keys: the gateway fetches the applicant's and the site's fields from their registries.
  applicant: (row) => applicantOf(row),
  kind: (row) => row.kind,
  site: (row) => (row.site_building_id === null ? null : { buildingId: row.site_building_id }),
  status: (row) => row.status,
  submittedAt: (row) => row.submitted_at,
  decidedAt: (row) => row.decided_at,
  reviews: (row, _args, { loaders }) => loaders.reviews.load(row.id),
};

export const Applicant: ApplicantResolvers = {
  __resolveType: (ref) => ('nationalId' in ref ? 'Person' : 'LegalEntity'),
};
