import type {
  HouseholdRegistrationResolvers,
  PersonResolvers,
} from '../__generated__/resolvers-types.js';
import type { HouseholdRow, PersonRow } from '../db/schema.js';
import type { PopulationLoaders } from '../loaders.js';

export const Person: PersonResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.person.load(ref.nationalId),
  nationalId: (row) => row.national_id,
  name: (row) => row.name,
  gender: (row) => row.gender,
  birthDate: (row) => row.birth_date,
  status: (row) => row.status,
  maritalStatus: (row) => row.marital_status,
  householdRegistration: (row) => row,
  spouse: (row, _args, { loaders }) => (row.spouse_id ? loaders.person.load(row.spouse_id) : null),
  parents: async (row, _args, { loaders }) => {
    const ids = [row.father_id, row.mother_id].filter((id): id is string => id !== null);
    const parents = await loaders.person.loadMany(ids);
    return parents.filter((p): p is PersonRow => p !== null && !(p instanceof Error));
  },
  children: (row, _args, { loaders }) => loaders.children.load(row.national_id),
};

// A registration row always has its household (foreign key), so a miss is a data error.
async function household(row: PersonRow, loaders: PopulationLoaders): Promise<HouseholdRow> {
  const found = await loaders.household.load(row.household_number);
  if (!found) throw new Error(`household ${row.household_number} of a person is missing`);
  return found;
}

export const HouseholdRegistration: HouseholdRegistrationResolvers = {
  householdNumber: (row) => row.household_number,
  divisionCode: async (row, _args, { loaders }) => (await household(row, loaders)).division_code,
  address: async (row, _args, { loaders }) => (await household(row, loaders)).address,
  buildingId: async (row, _args, { loaders }) => (await household(row, loaders)).building_id,
  building: async (row, _args, { loaders }) => ({
    buildingId: (await household(row, loaders)).building_id,
  }),
  relationToHead: (row) => row.relation_to_head,
  registeredOn: (row) => row.registered_on,
};
