import type { Page } from '@govgraph/department/db';
import type { Selectable } from 'kysely';

/** Tables (and the one view) of the real-estate registry's own database. */
export interface HousingDB {
  building: BuildingTable;
  title: TitleTable;
  ownership: OwnershipTable;
  owned_title: OwnedTitleView;
}

export type BuildingUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'INDUSTRIAL' | 'MIXED' | 'PUBLIC';
export type UnitUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'OFFICE' | 'INDUSTRIAL';

export interface BuildingTable {
  building_id: string;
  address: string;
  division_code: string;
  use: BuildingUse;
  floors: number;
  built_year: number;
}

export interface TitleTable {
  certificate_number: string;
  /** The certificate's serial: unique, and the stable order of a building's titles. */
  serial: number;
  building_id: string;
  unit: string;
  area_square_meters: number;
  use: UnitUse;
  registered_on: string;
  /** 0 or 1: better-sqlite3 binds no booleans, so both engines store an integer. */
  mortgaged: number;
}

/** One owner's share of a title: exactly one of `national_id` and `credit_code` is set. */
export interface OwnershipTable {
  certificate_number: string;
  /** Largest share first; the order owners are listed in. */
  position: number;
  national_id: string | null;
  credit_code: string | null;
  share: string;
}

/** `ownership` joined to `title`: the titles of an owner, for paginated lists per owner. */
export interface OwnedTitleView extends TitleTable {
  national_id: string | null;
  credit_code: string | null;
}

export type BuildingRow = Selectable<BuildingTable>;
export type TitleRow = Selectable<TitleTable>;
export type OwnershipRow = Selectable<OwnershipTable>;

/** The parent of the `Person` and `LegalEntity` stubs: just their keys, as the gateway sends them. */
export interface PersonRef {
  nationalId: string;
}
export interface LegalEntityRef {
  creditCode: string;
}

/** One page of titles, the parent of `RealEstateTitleConnection`. */
export type TitlePage = Page<TitleRow>;
