// Which households live in, and which companies are registered at, each building. datagen
// places both by a hashed probe (`buildingFor`) that has no inverse, so this is the one place
// the real-estate registry reads the whole world: once per world, on first use, and only for
// `titlesOfBuilding` (seeding walks owners, not buildings).
import { HOUSEHOLD_SIZE } from '../core.js';
import type { World } from '../world.js';

interface Occupancy {
  /** Households by building index, each list in index order. */
  households: number[][];
  /** Companies by building index, each list in index order. */
  companies: number[][];
}

const occupancies = new WeakMap<World, Occupancy>();

/** Building IDs carry the building's index + 1 as their serial (see datagen's buildings). */
export function buildingIndexOf(buildingId: string): number {
  return Number(buildingId.slice(7)) - 1;
}

function groupByBuilding(world: World, count: number, buildingIdOf: (i: number) => string) {
  const groups: number[][] = Array.from({ length: world.buildingCount }, () => []);
  for (let i = 0; i < count; i++) groups[buildingIndexOf(buildingIdOf(i))]?.push(i);
  return groups;
}

function occupancyOf(world: World): Occupancy {
  let occupancy = occupancies.get(world);
  if (!occupancy) {
    const households = Math.ceil(world.peopleCount / HOUSEHOLD_SIZE);
    occupancy = {
      households: groupByBuilding(
        world,
        households,
        (h) => world.person(h * HOUSEHOLD_SIZE).household.buildingId,
      ),
      companies: groupByBuilding(world, world.companyCount, (j) => world.company(j).buildingId),
    };
    occupancies.set(world, occupancy);
  }
  return occupancy;
}

/** Households registered in building k, in index order. */
export function householdsIn(world: World, k: number): readonly number[] {
  return occupancyOf(world).households[k] ?? [];
}

/** Companies whose registered address is in building k, in index order. */
export function companiesIn(world: World, k: number): readonly number[] {
  return occupancyOf(world).companies[k] ?? [];
}
