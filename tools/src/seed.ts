import { createWorld } from '@govgraph/datagen';
import { ConfigError, UsageError } from '@govgraph/server';
import { departments } from './departments.js';
import { departmentSettings } from './hubConfig.js';
import { seedAll } from './seedAll.js';
import { parseSeedArgs } from './seedArgs.js';
import { createSeedProgress } from './seedProgress.js';

// `npm run seed -- --people 100000 [--seed 42] [--only population,market]`: the CLI edge of seedAll.
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let args: ReturnType<typeof parseSeedArgs>;
try {
  args = parseSeedArgs(
    process.argv.slice(2),
    departments.map((d) => d.name),
  );
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const selected = departments.filter((d) => args.only.includes(d.name));
try {
  for (const department of selected) departmentSettings(department, process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

console.log(
  `Seeding ${selected.map((d) => d.name).join(', ')} with ${args.people.toLocaleString('en-US')} people (seed ${args.seed}).`,
);
const started = performance.now();
const world = createWorld({ seed: args.seed, people: args.people });
const display = createSeedProgress();
let seeded: Awaited<ReturnType<typeof seedAll>>;
try {
  seeded = await seedAll({
    departments: selected,
    world,
    env: process.env,
    progress: (department) => display.forDepartment(department),
  });
} finally {
  display.stop();
}
for (const s of seeded) console.log(`  ${s.name} (${s.engine}): ${seconds(s.ms)}`);
console.log(`Seeded in ${seconds(performance.now() - started)}.`);
