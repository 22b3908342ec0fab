import type { World } from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import type { Insertable } from 'kysely';
import type { HouseholdTable, PersonTable, PopulationDB } from './schema.js';

// A multiple of 4 so that a household (4 consecutive people) never straddles two chunks.
const CHUNK = 20_000;

/** Replaces the registry's contents with the synthetic world's people and households. */
export async function seedPopulation(
  database: Database<PopulationDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  await db.deleteFrom('person').execute();
  await db.deleteFrom('household').execute();
  const total = world.peopleCount;
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK);
    const people = [...world.persons(from, to)];
    const idOf = new Map(people.map((p) => [p.index, p.nationalId]));
    const nationalIdOf = (i: number | null) =>
      i === null ? null : (idOf.get(i) ?? world.person(i).nationalId);
    const households = new Map<string, Insertable<HouseholdTable>>();
    const persons: Insertable<PersonTable>[] = [];
    for (const p of people) {
      households.set(p.household.number, {
        number: p.household.number,
        division_code: p.household.divisionCode,
        address: p.household.address,
        building_id: p.household.buildingId,
      });
      persons.push({
        national_id: p.nationalId,
        name: p.name,
        gender: p.gender,
        birth_date: p.birthDate,
        status: p.status,
        marital_status: p.maritalStatus,
        household_number: p.household.number,
        relation_to_head: p.household.relationToHead,
        registered_on: p.household.registeredOn,
        spouse_id: nationalIdOf(p.spouseIndex),
        father_id: nationalIdOf(p.fatherIndex),
        mother_id: nationalIdOf(p.motherIndex),
      });
    }
    await insertInBatches(db, 'household', [...households.values()]);
    await insertInBatches(db, 'person', persons);
    progress?.('person', to, total);
  }
}

export function isPopulationSeeded(database: Database<PopulationDB>): Promise<boolean> {
  return hasRows(database.db, 'person');
}
