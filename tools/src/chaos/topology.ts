import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorld, type World } from '@govgraph/datagen';
import { hubAccessConfig, issueApiKey, openHubServices } from '@govgraph/hub';
import { createLogger, generateHubContextKeys } from '@govgraph/schema/runtime';
import { type PrivateRedis, privateRedis } from '@govgraph/schema/testing';
import { departments } from '../departments.js';
import { SUPERGRAPH_PATH } from '../paths.js';
import { seedAll } from '../seedAll.js';
import { answers200, REPO_ROOT, type ServiceProcess, serviceProcess } from './childProcess.js';
import { type DelayProxy, startDelayProxy } from './delayProxy.js';
import { createPrivatePostgres, freePort, type PrivatePostgres } from './privatePostgres.js';

/** The agencies the load acts as, each with a fresh API key and its registry purpose. */
export interface AgencyCredentials {
  agency: string;
  purpose: string;
  key: string;
}

export interface Gateway {
  name: string;
  url: string;
  process: ServiceProcess;
}

/** Everything the chaos run started, as separate processes sharing one Redis and one PostgreSQL. */
export interface Topology {
  runDir: string;
  dataDir: string;
  world: World;
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  departments: Map<string, ServiceProcess>;
  /** The department behind the delaying proxy, and the proxy. */
  slowed: { department: string; proxy: DelayProxy };
  /** A: one process; B: GATEWAY_WORKERS=2. Both with caches on Redis. */
  gateways: [Gateway, Gateway];
  /** The same hub without caches (no Redis): answers to compare the cached gateways with. */
  reference: Gateway;
  agencies: Record<'serviceDesk' | 'civilAffairs' | 'marketRegulator', AgencyCredentials>;
  stop(): Promise<void>;
}

export interface TopologyOptions {
  runDir: string;
  people: number;
  /** The department put behind the delaying proxy. */
  slowDepartment: string;
  log: (line: string) => void;
  /** Given, before anything starts, the way to stop what has started so far (Ctrl-C). */
  onStop?: (stop: () => Promise<void>) => void;
}

const DEPARTMENT_HOST = '127.0.0.1';

/**
 * Starts, in this order: PostgreSQL (the hub store), Redis, the registry and API keys, every
 * department (seeded SQLite files), the delaying proxy and three gateways. On failure what
 * already started is stopped again.
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const { runDir, log } = options;
  chmodSync(runDir, 0o755); // the postgres user walks into it
  const stops: (() => Promise<unknown>)[] = [];
  // Calls queue behind each other, and each drains what has started by then: an interrupt
  // while starting, then the start's own failure, stop everything and in reverse order.
  let stopping = Promise.resolve();
  const stop = () => {
    stopping = stopping.then(async () => {
      for (let run = stops.pop(); run; run = stops.pop()) await run().catch(() => undefined);
    });
    return stopping;
  };
  options.onStop?.(stop);
  try {
    return await build(options, stops, stop);
  } catch (error) {
    log(`could not start the chaos topology; logs are in ${runDir}`);
    await stop();
    throw error;
  }
}

async function build(
  options: TopologyOptions,
  stops: (() => Promise<unknown>)[],
  stop: () => Promise<void>,
): Promise<Topology> {
  const { runDir, log } = options;
  const dataDir = join(runDir, 'data');
  const logDir = join(runDir, 'logs');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });

  log('starting PostgreSQL (hub store) and Redis of our own');
  const postgres = await createPrivatePostgres(join(runDir, 'postgres'));
  await postgres.start();
  stops.push(() => postgres.stop());
  const redis = await privateRedis();
  await redis.start();
  stops.push(() => redis.stop());

  const agencies = await registerAgencies(postgres.url);
  const { privateJwk, publicJwk } = await generateHubContextKeys();
  const world = createWorld({ people: options.people, seed: 42 });
  const common = {
    GOVGRAPH_DATA_DIR: dataDir,
    HUB_DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'warn',
  };

  log(`seeding ${options.people} people into each department's SQLite file`);
  const selected = departments.filter((d) => d.name !== 'tracker');
  await seedAll({ departments: selected, world, env: common });

  const ports = new Map<string, number>();
  const running = new Map<string, ServiceProcess>();
  for (const department of departments) {
    const port = await freePort();
    ports.set(department.name, port);
    const service = serviceProcess({
      name: department.name,
      entry: join(REPO_ROOT, 'subgraphs', department.name, 'src', 'main.ts'),
      env: {
        ...common,
        [`${department.envPrefix}_PORT`]: String(port),
        HUB_CONTEXT_PUBLIC_KEYS: JSON.stringify([publicJwk]),
      },
      logFile: join(logDir, `${department.name}.log`),
      ready: () => answers200(`http://${DEPARTMENT_HOST}:${port}/health`),
    });
    running.set(department.name, service);
    stops.push(() => service.kill('SIGKILL'));
  }
  log(`starting ${running.size} departments`);
  await Promise.all([...running.values()].map((s) => s.start()));

  const slowPort = ports.get(options.slowDepartment);
  if (slowPort === undefined) throw new Error(`no department ${options.slowDepartment}`);
  const proxy = await startDelayProxy(slowPort);
  stops.push(() => proxy.close());
  ports.set(options.slowDepartment, proxy.port);
  const supergraphPath = join(runDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, pointSupergraphAt(ports));

  const gatewayEnv = {
    ...common,
    SUPERGRAPH_PATH: supergraphPath,
    HUB_CONTEXT_PRIVATE_KEY: JSON.stringify(privateJwk),
    GATEWAY_HOST: DEPARTMENT_HOST,
    CACHE_ENCRYPTION_KEYS: `chaos:${randomBytes(32).toString('base64')}`,
  };
  const gateway = async (
    name: string,
    env: Record<string, string | undefined>,
  ): Promise<Gateway> => {
    const port = await freePort();
    const service = serviceProcess({
      name: `gateway ${name}`,
      entry: join(REPO_ROOT, 'gateway', 'src', 'main.ts'),
      env: { ...gatewayEnv, ...env, GATEWAY_PORT: String(port) },
      logFile: join(logDir, `gateway-${name}.log`),
      ready: () => answers200(`http://${DEPARTMENT_HOST}:${port}/ready`),
    });
    stops.push(() => service.kill('SIGKILL'));
    return { name, url: `http://${DEPARTMENT_HOST}:${port}/graphql`, process: service };
  };
  const a = await gateway('A', {});
  const b = await gateway('B', { GATEWAY_WORKERS: '2' });
  const reference = await gateway('ref', { CACHE_ENABLED: 'false', REDIS_URL: undefined });
  log('starting gateways A, B (2 workers) and the reference (caches off)');
  await Promise.all([a, b, reference].map((g) => g.process.start()));

  return {
    runDir,
    dataDir,
    world,
    postgres,
    redis,
    departments: running,
    slowed: { department: options.slowDepartment, proxy },
    gateways: [a, b],
    reference,
    agencies,
    stop,
  };
}

/** The committed supergraph with each department's URL replaced by where it runs now. */
export function pointSupergraphAt(ports: ReadonlyMap<string, number>): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8').replace(
    /@join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g,
    (whole, name: string) => {
      const port = ports.get(name);
      return port === undefined
        ? whole
        : `@join__graph(name: "${name}", url: "http://${DEPARTMENT_HOST}:${port}/graphql")`;
    },
  );
}

/** Syncs hub/registry.json into the store and issues one API key per agency the load acts as. */
async function registerAgencies(url: string): Promise<Topology['agencies']> {
  const services = await openHubServices({
    database: { url, sqliteFile: 'unused-with-a-url.sqlite' },
    // The same registry file the gateways sync (HUB_REGISTRY_FILE, default hub/registry.json).
    access: hubAccessConfig(process.env),
    logger: createLogger('chaos', 'warn'),
  });
  try {
    const issue = async (agency: string, purpose: string): Promise<AgencyCredentials> => ({
      agency,
      purpose,
      key: (await issueApiKey(services.store, agency)).key,
    });
    return {
      serviceDesk: await issue('service-desk-app', 'SERVICE_DESK'),
      civilAffairs: await issue('civil-affairs-bureau', 'SOCIAL_ASSISTANCE_ELIGIBILITY'),
      marketRegulator: await issue('market-regulator', 'MARKET_SUPERVISION'),
    };
  } finally {
    await services.close();
  }
}
