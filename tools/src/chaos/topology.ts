import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorld, type World } from '@govgraph/datagen';
import { hubAccessConfig, issueApiKey, openHubServices } from '@govgraph/governance';
import { createLogger, generateCallerTokenKeys, type JWK } from '@govgraph/server';
import { type PrivateRedis, privateRedis } from '@govgraph/testing';
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

/** What the steps of a start share: where logs go, what to stop, the common environment. */
interface Starting {
  logDir: string;
  stops: (() => Promise<unknown>)[];
  env: Record<string, string>;
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
  const keys = await generateCallerTokenKeys();
  const world = createWorld({ people: options.people, seed: 42 });
  const env = {
    GOVGRAPH_DATA_DIR: dataDir,
    HUB_DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'warn',
  };
  const starting: Starting = { logDir, stops, env };

  log(`seeding ${options.people} people into each department's SQLite file`);
  const seeded = departments.filter((d) => d.name !== 'tracker');
  await seedAll({ departments: seeded, world, env });

  log(`starting ${departments.length} departments`);
  const running = await startDepartments(starting, keys.publicJwk);
  const slowPort = running.ports.get(options.slowDepartment);
  if (slowPort === undefined) throw new Error(`there is no department ${options.slowDepartment}`);
  const proxy = await startDelayProxy(slowPort);
  stops.push(() => proxy.close());
  const ports = new Map([...running.ports, [options.slowDepartment, proxy.port]]);
  const supergraphPath = join(runDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, pointSupergraphAt(ports));

  log('starting gateways A, B (2 workers) and the reference (caches off)');
  const [a, b, reference] = await startGateways(starting, supergraphPath, keys.privateJwk);
  return {
    runDir,
    dataDir,
    world,
    postgres,
    redis,
    departments: running.services,
    slowed: { department: options.slowDepartment, proxy },
    gateways: [a, b],
    reference,
    agencies,
    stop,
  };
}

/** Every department as its own process (its `main.ts`), on a free loopback port. */
async function startDepartments(
  starting: Starting,
  publicJwk: JWK,
): Promise<{ ports: Map<string, number>; services: Map<string, ServiceProcess> }> {
  const ports = new Map<string, number>();
  const services = new Map<string, ServiceProcess>();
  for (const department of departments) {
    const port = await freePort();
    ports.set(department.name, port);
    const service = serviceProcess({
      name: department.name,
      entry: join(REPO_ROOT, 'subgraphs', department.name, 'src', 'main.ts'),
      env: {
        ...starting.env,
        [`${department.envPrefix}_PORT`]: String(port),
        CALLER_TOKEN_PUBLIC_KEYS: JSON.stringify([publicJwk]),
      },
      logFile: join(starting.logDir, `${department.name}.log`),
      ready: () => answers200(`http://${DEPARTMENT_HOST}:${port}/health`),
    });
    services.set(department.name, service);
    starting.stops.push(() => service.kill('SIGKILL'));
  }
  await Promise.all([...services.values()].map((s) => s.start()));
  return { ports, services };
}

/**
 * Gateway settings the run changes unless the harness's environment sets them: no per-agency
 * rate limit (the load is one service desk at full speed; limits are not what is measured), and a
 * 2 s circuit-breaker cooldown, so that recovery measures the department coming back rather than
 * the breaker's wait (10 s by default; set DEPARTMENT_BREAKER_COOLDOWN_MS to measure with it).
 */
export const GATEWAY_RUN_DEFAULTS: Readonly<Record<string, string>> = {
  RATE_LIMIT_ENABLED: 'false',
  DEPARTMENT_BREAKER_COOLDOWN_MS: '2000',
};

function runDefaults(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(GATEWAY_RUN_DEFAULTS).map(([name, value]) => [name, process.env[name] ?? value]),
  );
}

/** Gateways A and B (GATEWAY_WORKERS=2) with caches on the shared Redis, and the uncached reference. */
async function startGateways(
  starting: Starting,
  supergraphPath: string,
  privateJwk: JWK,
): Promise<[Gateway, Gateway, Gateway]> {
  const shared = {
    ...runDefaults(),
    ...starting.env,
    SUPERGRAPH_PATH: supergraphPath,
    CALLER_TOKEN_PRIVATE_KEY: JSON.stringify(privateJwk),
    GATEWAY_HOST: DEPARTMENT_HOST,
    // Instances sharing Redis must share the key their cached values are encrypted with.
    CACHE_ENCRYPTION_KEYS: `chaos:${randomBytes(32).toString('base64')}`,
  };
  const gateway = async (name: string, env: Record<string, string | undefined>) => {
    const port = await freePort();
    const service = serviceProcess({
      name: `gateway ${name}`,
      entry: join(REPO_ROOT, 'gateway', 'src', 'main.ts'),
      env: { ...shared, ...env, GATEWAY_PORT: String(port) },
      logFile: join(starting.logDir, `gateway-${name}.log`),
      ready: () => answers200(`http://${DEPARTMENT_HOST}:${port}/ready`),
    });
    starting.stops.push(() => service.kill('SIGKILL'));
    return { name, url: `http://${DEPARTMENT_HOST}:${port}/graphql`, process: service };
  };
  const all: [Gateway, Gateway, Gateway] = [
    await gateway('A', {}),
    await gateway('B', { GATEWAY_WORKERS: '2' }),
    await gateway('ref', { CACHE_ENABLED: 'false', REDIS_URL: undefined }),
  ];
  await Promise.all(all.map((g) => g.process.start()));
  return all;
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

/** Syncs governance/registry.json into the store and issues one API key per agency the load acts as. */
async function registerAgencies(url: string): Promise<Topology['agencies']> {
  const services = await openHubServices({
    database: { url, sqliteFile: 'unused-with-a-url.sqlite' },
    // The same registry file the gateways sync (HUB_REGISTRY_FILE, default governance/registry.json).
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
