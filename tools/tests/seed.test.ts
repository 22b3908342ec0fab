import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@govgraph/server';
import { createTestDatabase, ENGINES, type TestDatabase } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDepartment } from '../src/HubDepartment.js';
import { departmentSettings } from '../src/hubConfig.js';
import { seedAll } from '../src/seedAll.js';
import { parseSeedArgs } from '../src/seedArgs.js';
import { createSeedProgress } from '../src/seedProgress.js';
import { licencesDepartment } from './fixtures/licencesDepartment.js';
import { registryDepartment } from './fixtures/registryDepartment.js';
import { createFixtureWorld, type FixtureWorld } from './fixtures/world.js';

const departments: readonly HubDepartment<FixtureWorld>[] = [
  registryDepartment,
  licencesDepartment,
];

describe.each(ENGINES)('seedAll with the registry on %s', (engine) => {
  let dataDir: string;
  let registryDb: TestDatabase;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'govgraph-seed-'));
    registryDb = await createTestDatabase(engine, 'tools_seed');
    env = {
      GOVGRAPH_DATA_DIR: dataDir,
      ...(engine === 'postgres' ? { REGISTRY_DATABASE_URL: registryDb.options.url } : {}),
    };
  });
  afterAll(async () => {
    await registryDb.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const citizens = async () => {
    const database = await registryDepartment.openDatabase(
      departmentSettings(registryDepartment, env).database,
    );
    const rows = await database.db.selectFrom('citizen').selectAll().execute();
    await database.close();
    return rows;
  };
  const licences = async () => {
    const database = await licencesDepartment.openDatabase(
      departmentSettings(licencesDepartment, env).database,
    );
    const rows = await database.db.selectFrom('licence').selectAll().orderBy('id').execute();
    await database.close();
    return rows;
  };

  it('fills every department from one world, reporting progress per table', async () => {
    const calls: string[] = [];
    const seeded = await seedAll({
      departments,
      world: createFixtureWorld({ people: 30 }),
      env,
      progress: (department) => (table, done, total) =>
        calls.push(`${department}.${table} ${done}/${total}`),
    });
    expect(seeded.map((s) => [s.name, s.engine])).toEqual([
      ['registry', engine],
      ['licences', 'sqlite'],
    ]);
    expect(calls).toEqual(['registry.citizen 30/30', 'licences.licence 10/10']);
    const people = await citizens();
    expect(people).toHaveLength(30);
    // The same person has the same national ID in both departments' databases.
    const licence = (await licences()).find((l) => l.id === 'L-3');
    expect(licence?.holder_id).toBe(createFixtureWorld({ people: 30 }).citizen(3).nationalId);
    expect(people.map((c) => c.national_id)).toContain(licence?.holder_id);
  });

  it('replaces what was there when seeded again with another world', async () => {
    await seedAll({ departments, world: createFixtureWorld({ people: 12 }), env });
    expect(await citizens()).toHaveLength(12);
    expect(await licences()).toHaveLength(4);
  });
});

describe('npm run seed arguments', () => {
  const names = ['population', 'market'];

  it('reads the size, seed and department subset', () => {
    expect(parseSeedArgs(['--people', '100000'], names)).toEqual({
      people: 100_000,
      seed: 42,
      only: ['population', 'market'],
    });
    expect(
      parseSeedArgs(['--people', '500', '--seed', '7', '--only', 'market,population'], names),
    ).toEqual({
      people: 500,
      seed: 7,
      only: ['population', 'market'],
    });
  });

  it('explains a missing or bad flag, then shows the usage', () => {
    expect(() => parseSeedArgs([], names)).toThrow(
      /^--people is missing: give a whole number of at least 1\.\n\nusage: npm run seed -- --people <count>/,
    );
    expect(() => parseSeedArgs(['--people', 'many'], names)).toThrow(
      /--people is "many": give a whole number/,
    );
    expect(() => parseSeedArgs(['--people', '10', '--only', 'population,tax'], names)).toThrow(
      /--only "population,tax" names unknown department\(s\) tax\.[\s\S]*departments: population, market$/,
    );
    expect(() => parseSeedArgs(['--people', '10', '--fast'], names)).toThrow(UsageError);
  });
});

describe('seed progress without a terminal', () => {
  it('prints one plain line per table every tenth of the way', () => {
    const lines: string[] = [];
    const display = createSeedProgress({ tty: false, write: (line) => lines.push(line) });
    const progress = display.forDepartment('population');
    for (let done = 0; done <= 100_000; done += 5_000) progress('person', done, 100_000);
    display.stop();
    expect(lines).toHaveLength(11);
    expect(lines[1]).toBe('population.person: 10,000/100,000 rows (10%)');
    expect(lines.at(-1)).toBe('population.person: 100,000/100,000 rows (100%)');
  });
});
