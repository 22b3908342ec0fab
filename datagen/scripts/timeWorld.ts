// Times generating every entity of a world: `npx tsx datagen/scripts/timeWorld.ts [people] [seed]`.
import { createWorld } from '../src/index.js';

const people = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const world = createWorld({ seed, people });
const timings: Record<string, string> = {};
let checksum = 0;

function time(label: string, run: () => void) {
  const start = performance.now();
  run();
  timings[label] = `${((performance.now() - start) / 1000).toFixed(2)} s`;
}

time(`${world.peopleCount} people`, () => {
  for (const p of world.persons()) checksum += p.childIndexes.length;
});
time(`${world.buildingCount} buildings`, () => {
  for (const b of world.buildings()) checksum += b.floors;
});
time(`${world.companyCount} companies`, () => {
  for (const c of world.companies()) checksum += c.representativeIndex % 2;
});
time('their supervision records', () => {
  for (let j = 0; j < world.companyCount; j++) {
    checksum += world.inspections(j).length + world.penalties(j).length;
    checksum += world.abnormalListings(j).length + (world.dishonestyListing(j) ? 1 : 0);
  }
});
console.table(timings);
console.log(`checksum ${checksum}`);
