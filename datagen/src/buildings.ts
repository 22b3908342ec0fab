import type { WorldCore } from './core.js';
import { COUNTIES, countyOf, countyPrefix } from './divisions.js';
import { STREETS } from './names.js';
import { Rng, Stream } from './random.js';
import type { Building, BuildingUse } from './types.js';

const USES: readonly (readonly [BuildingUse, number])[] = [
  ['RESIDENTIAL', 70],
  ['MIXED', 10],
  ['COMMERCIAL', 10],
  ['INDUSTRIAL', 6],
  ['PUBLIC', 4],
];

// Building 0 is always MIXED: homes and companies both fit there, so even a one-building
// world (or an unlucky probe) has a place for each.
function useOf(core: WorldCore, k: number): BuildingUse {
  return k === 0 ? 'MIXED' : new Rng(core.seed, Stream.building, k, 1).weighted(USES);
}

export function buildingAt(core: WorldCore, k: number): Building {
  if (!Number.isInteger(k) || k < 0 || k >= core.buildingCount) {
    throw new RangeError(`building ${k} is outside 0..${core.buildingCount - 1}`);
  }
  const rng = new Rng(core.seed, Stream.building, k);
  const county = COUNTIES[rng.int(COUNTIES.length)] ?? countyOf('110105');
  const use = useOf(core, k);
  const floors = use === 'RESIDENTIAL' || use === 'MIXED' ? rng.between(3, 33) : rng.between(1, 12);
  return {
    index: k,
    // The serial is the building's index, so IDs are unique across the world.
    buildingId: `${county.code}B${String(k + 1).padStart(8, '0')}`,
    divisionCode: county.code,
    address: `${countyPrefix(county)}${rng.pick(STREETS)}${rng.between(1, 999)}号`,
    use,
    floors,
    builtYear: rng.between(1965, 2024),
  };
}

/**
 * The first building from a hashed start whose use is one of `uses`: random access without a
 * scan (a few probes on average). Falls back to building 0, which is MIXED, after 64 misses.
 */
export function buildingFor(
  core: WorldCore,
  stream: number,
  index: number,
  uses: readonly BuildingUse[],
): number {
  const start = new Rng(core.seed, stream, index, 7).int(core.buildingCount);
  for (let probe = 0; probe < Math.min(core.buildingCount, 64); probe++) {
    const k = (start + probe) % core.buildingCount;
    if (uses.includes(useOf(core, k))) return k;
  }
  return 0;
}
