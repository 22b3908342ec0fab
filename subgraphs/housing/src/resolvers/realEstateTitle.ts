import type {
  OwnershipResolvers,
  RealEstateTitleResolvers,
} from '../__generated__/resolvers-types.js';

export const RealEstateTitle: RealEstateTitleResolvers = {
  certificateNumber: (row) => row.certificate_number,
  unit: (row) => row.unit,
  areaSquareMeters: (row) => row.area_square_meters,
  use: (row) => row.use,
  registeredOn: (row) => row.registered_on,
  owners: (row, _args, { loaders }) => loaders.owners.load(row.certificate_number),
  mortgaged: (row) => row.mortgaged === 1,
  // A title always has its building (foreign key), so a miss is a data error.
  building: async (row, _args, { loaders }) => {
    const found = await loaders.building.load(row.building_id);
    if (!found)
      throw new Error(`building ${row.building_id} of title ${row.certificate_number} is missing`);
    return found;
  },
};

export const Ownership: OwnershipResolvers = {
  owner: (row) => {
    if (row.national_id !== null) return { nationalId: row.national_id };
    if (row.credit_code !== null) return { creditCode: row.credit_code };
    // The table's check constraint makes this unreachable.
    throw new Error(`ownership ${row.certificate_number}#${row.position} has no owner`);
  },
  share: (row) => row.share,
};
