import {
  createListLoader,
  createPageLoader,
  createRowLoader,
  type Page,
  type PageWindow,
} from '@govgraph/department/db';
import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { BuildingRow, HousingDB, OwnershipRow, TitleRow } from './db/schema.js';

type PageLoader = DataLoader<{ parent: string; window: PageWindow }, Page<TitleRow>, string>;

export interface HousingLoaders {
  building: DataLoader<string, BuildingRow | null>;
  title: DataLoader<string, TitleRow | null>;
  /** A title's owners, largest share first. */
  owners: DataLoader<string, OwnershipRow[]>;
  /** A building's titles, in serial order. */
  buildingTitles: PageLoader;
  /** A person's titles, oldest registration first. */
  personTitles: PageLoader;
  /** A legal entity's titles, oldest registration first. */
  companyTitles: PageLoader;
}

const OWNER_ORDER = ['registered_on', 'serial'];

/** Loaders for one request: every list of N parents costs one statement per kind, not N. */
export function createLoaders(db: Kysely<HousingDB>): HousingLoaders {
  return {
    building: createRowLoader<HousingDB, BuildingRow>(db, {
      table: 'building',
      keyColumn: 'building_id',
    }),
    title: createRowLoader<HousingDB, TitleRow>(db, {
      table: 'title',
      keyColumn: 'certificate_number',
    }),
    owners: createListLoader<HousingDB, OwnershipRow>(db, {
      table: 'ownership',
      parentColumn: 'certificate_number',
      orderBy: ['position'],
    }),
    buildingTitles: createPageLoader(db, {
      table: 'title',
      parentColumn: 'building_id',
      orderBy: ['serial'],
    }),
    personTitles: createPageLoader(db, {
      table: 'owned_title',
      parentColumn: 'national_id',
      orderBy: OWNER_ORDER,
    }),
    companyTitles: createPageLoader(db, {
      table: 'owned_title',
      parentColumn: 'credit_code',
      orderBy: OWNER_ORDER,
    }),
  };
}
