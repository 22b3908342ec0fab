import { pageWindow } from '@govgraph/department/db';
import type { LegalEntityResolvers } from '../__generated__/resolvers-types.js';

export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.legalEntity.load(ref.creditCode),
  creditCode: (row) => row.credit_code,
  name: (row) => row.name,
  kind: (row) => row.kind,
  status: (row) => row.status,
  established: (row) => row.established,
  registeredCapital: (row) => row.registered_capital,
  businessScope: (row) => row.business_scope,
  divisionCode: (row) => row.division_code,
  address: (row) => row.address,
  buildingId: (row) => row.building_id,
  building: (row) => ({ buildingId: row.building_id }),
  // Only the key: the gateway fetches the person's fields from the population registry.
  legalRepresentative: (row) =>
    row.representative_id === null ? null : { nationalId: row.representative_id },
  inspections: (row, args, { loaders }) =>
    loaders.inspections.load({
      parent: row.credit_code,
      window: pageWindow(args, 'inspections'),
    }),
  administrativePenalties: (row, args, { loaders }) =>
    loaders.administrativePenalties.load({
      parent: row.credit_code,
      window: pageWindow(args, 'administrativePenalties'),
    }),
  abnormalOperationListings: (row, args, { loaders }) =>
    loaders.abnormalListings.load({
      parent: row.credit_code,
      window: pageWindow(args, 'abnormalOperationListings'),
    }),
  seriousDishonestyListing: (row, _args, { loaders }) =>
    loaders.dishonestyListing.load(row.credit_code),
};
