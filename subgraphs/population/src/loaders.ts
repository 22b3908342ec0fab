import { createRowLoader } from '@govgraph/department/db';
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { HouseholdRow, PersonRow, PopulationDB } from './db/schema.js';

export interface PopulationLoaders {
  person: DataLoader<string, PersonRow | null>;
  household: DataLoader<string, HouseholdRow | null>;
  children: DataLoader<string, PersonRow[]>;
}

/** Loaders for one request: every list of N people costs one statement per kind, not N. */
export function createLoaders(db: Kysely<PopulationDB>): PopulationLoaders {
  return {
    person: createRowLoader<PopulationDB, PersonRow>(db, {
      table: 'person',
      keyColumn: 'national_id',
    }),
    household: createRowLoader<PopulationDB, HouseholdRow>(db, {
      table: 'household',
      keyColumn: 'number',
    }),
    children: new DataLoader(async (parentIds) => {
      const rows = await db
        .selectFrom('person')
        .selectAll()
        .where((eb) => eb.or([eb('father_id', 'in', parentIds), eb('mother_id', 'in', parentIds)]))
        .orderBy('birth_date')
        .orderBy('national_id')
        .execute();
      return parentIds.map((id) => rows.filter((r) => r.father_id === id || r.mother_id === id));
    }),
  };
}
