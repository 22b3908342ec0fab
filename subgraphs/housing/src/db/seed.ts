import { maxTitleSerial, type RealEstateTitle, titleOfSerial, type World } from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import type { Insertable } from 'kysely';
import type { BuildingTable, HousingDB, OwnershipTable, TitleTable } from './schema.js';

const CHUNK = 20_000;

/** Replaces the registry's contents with the synthetic world's buildings and titles. */
export async function seedHousing(
  database: Database<HousingDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  await db.deleteFrom('ownership').execute();
  await db.deleteFrom('title').execute();
  await db.deleteFrom('building').execute();
  for (let from = 0; from < world.buildingCount; from += CHUNK) {
    const to = Math.min(world.buildingCount, from + CHUNK);
    const rows: Insertable<BuildingTable>[] = [...world.buildings(from, to)].map((b) => ({
      building_id: b.buildingId,
      address: b.address,
      division_code: b.divisionCode,
      use: b.use,
      floors: b.floors,
      built_year: b.builtYear,
    }));
    await insertInBatches(db, 'building', rows);
    progress?.('building', to, world.buildingCount);
  }
  // Titles are walked by serial: each of 1..max names at most one title.
  const max = maxTitleSerial(world);
  for (let from = 1; from <= max; from += CHUNK) {
    const to = Math.min(max + 1, from + CHUNK);
    const titles: RealEstateTitle[] = [];
    for (let serial = from; serial < to; serial++) {
      const title = titleOfSerial(world, serial);
      if (title) titles.push(title);
    }
    await insertInBatches(db, 'title', titles.map(titleRow));
    await insertInBatches(db, 'ownership', titles.flatMap(ownershipRows));
    progress?.('title', to - 1, max);
  }
}

function titleRow(t: RealEstateTitle): Insertable<TitleTable> {
  return {
    certificate_number: t.certificateNumber,
    serial: t.serial,
    building_id: t.buildingId,
    unit: t.unit,
    area_square_meters: t.areaSquareMeters,
    use: t.use,
    registered_on: t.registeredOn,
    mortgaged: t.mortgaged ? 1 : 0,
  };
}

function ownershipRows(t: RealEstateTitle): Insertable<OwnershipTable>[] {
  return t.owners.map((owner, position) => ({
    certificate_number: t.certificateNumber,
    position,
    national_id: owner.kind === 'PERSON' ? owner.nationalId : null,
    credit_code: owner.kind === 'COMPANY' ? owner.creditCode : null,
    share: owner.share,
  }));
}

export function isHousingSeeded(database: Database<HousingDB>): Promise<boolean> {
  return hasRows(database.db, 'building');
}
