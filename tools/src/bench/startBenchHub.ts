import { readFileSync } from 'node:fs';
import { createWorld, type World } from '@govgraph/datagen';
import type { HubDepartment } from '../HubDepartment.js';
import { hubConfig } from '../hubConfig.js';
import type { SeededDepartment } from '../seedAll.js';
import { type Hub, startHub } from '../startHub.js';
import { agencyHeaders, registerBenchAgency } from './benchAgency.js';
import { benchHubDatabaseEnv, vacuumAnalyze } from './benchDatabases.js';
import { prepareWorld } from './prepareWorld.js';
import { benchRng } from './scenarios.js';

/**
 * Connections per database pool. bench:scale runs two hubs side by side on one PostgreSQL
 * server (100 connections by default), each with a pool per department and one for its store:
 * at the default of 10 the concurrent phase asked for more than the server allows ("too many
 * clients already"); 4 each leaves room for the tools' own.
 */
const POOL_SIZE = 4;

export interface StartBenchHubOptions {
  departments: readonly HubDepartment<World>[];
  serverUrl: string;
  /** The composed supergraph of `departments`. */
  supergraphPath: string;
  people: number;
  seed: number;
  reseed: boolean;
  log: (line: string) => void;
}

export interface BenchHub {
  people: number;
  hub: Hub;
  /** What every request carries: the benchmark agency's API key, purpose, case and operator. */
  headers: Record<string, string>;
  /** Departments seeded by this run; empty when the databases were reused. */
  seeded: SeededDepartment[];
  /** The next `count` people to ask for: uniform over the world, the same on every run. */
  sample(count: number): string[];
}

/**
 * The hub on the benchmark databases of the world of `people` (its hub store among them, where
 * the benchmark agency is registered): seeded if needed, started on free ports, then VACUUM
 * ANALYZE on every department's database (statistics after the bulk load).
 */
export async function startBenchHub(options: StartBenchHubOptions): Promise<BenchHub> {
  const { departments, people, seed, log } = options;
  log(`\n${people.toLocaleString('en-US')} people`);
  const prepared = await prepareWorld(options);
  const config = hubConfig(departments, {
    ...prepared.databaseEnv,
    ...(await benchHubDatabaseEnv(options.serverUrl, people)),
    ...Object.fromEntries(departments.map((d) => [`${d.envPrefix}_PORT`, '0'])),
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    SUPERGRAPH_PATH: options.supergraphPath,
    GOVGRAPH_PEOPLE: String(people),
    GOVGRAPH_SEED: String(seed),
    LOG_LEVEL: 'warn',
  });
  for (const settings of Object.values(config.departments)) {
    settings.database = { ...settings.database, poolSize: POOL_SIZE };
  }
  config.hub.database = { ...config.hub.database, poolSize: POOL_SIZE };
  const hub = await startHub({
    departments,
    createWorld,
    // Scale is measured on the departments' databases: no gateway cache may answer instead,
    // whatever CACHE_* the environment holds (the sample repeats people across blocks).
    cache: { enabled: false },
    config,
  });
  let apiKey: string;
  try {
    // Personal data is refused to an anonymous caller: the benchmark reads as its own agency.
    apiKey = await registerBenchAgency(hub.services, readFileSync(options.supergraphPath, 'utf8'));
    const started = performance.now();
    for (const url of Object.values(prepared.urls)) await vacuumAnalyze(url);
    log(`  hub started; VACUUM ANALYZE in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    await hub.stop();
    throw error;
  }
  const world = createWorld({ seed, people });
  const rng = benchRng(seed, 0);
  return {
    people,
    hub,
    headers: agencyHeaders(apiKey),
    seeded: prepared.seeded,
    sample: (count) =>
      Array.from({ length: count }, () => world.person(rng.int(people)).nationalId),
  };
}
