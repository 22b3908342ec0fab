import type { Selectable } from 'kysely';

/** Tables of the population registry's own database. */
export interface PopulationDB {
  household: HouseholdTable;
  person: PersonTable;
}

export interface HouseholdTable {
  number: string;
  division_code: string;
  address: string;
  building_id: string;
}

export interface PersonTable {
  national_id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birth_date: string;
  status: 'ALIVE' | 'DECEASED' | 'EMIGRATED';
  marital_status: 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';
  household_number: string;
  relation_to_head: 'HEAD' | 'SPOUSE' | 'CHILD';
  registered_on: string;
  spouse_id: string | null;
  father_id: string | null;
  mother_id: string | null;
}

/** A person row as resolvers receive it (the parent of `Person` and `HouseholdRegistration`). */
export type PersonRow = Selectable<PersonTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
