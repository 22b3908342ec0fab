import { pageWindow } from '@govgraph/department/db';
import type { BuildingResolvers } from '../__generated__/resolvers-types.js';

export const Building: BuildingResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.building.load(ref.buildingId),
  buildingId: (row) => row.building_id,
  address: (row) => row.address,
  divisionCode: (row) => row.division_code,
  use: (row) => row.use,
  floors: (row) => row.floors,
  builtYear: (row) => row.built_year,
  titles: (row, args, { loaders }) =>
    loaders.buildingTitles.load({
      parent: row.building_id,
      window: pageWindow(args, 'Building.titles'),
    }),
};
