import { createRedisInvalidationPublisher, type EntityChange } from '@govgraph/cache';
import type { SeedProgress } from '@govgraph/department';
import type { StatementCounter } from '@govgraph/department/db';
import {
  createGatewayServer,
  type GatewayCacheOptions,
  type GatewayServerOptions,
  type RateLimitOptions,
} from '@govgraph/gateway';
import { type HubServices, openHubServices } from '@govgraph/governance';
import {
  createCallerTokenSigner,
  createCallerTokenVerifier,
  createLogger,
  generateCallerTokenKeys,
  type JWK,
  type Listening,
  type Logger,
} from '@govgraph/server';
import type { DepartmentDatabase, HubDepartment } from './HubDepartment.js';
import type { HubConfig } from './hubConfig.js';

/** The caller-token keys: the gateway signs with the private one, departments verify with the public ones. */
export interface CallerTokenKeys {
  privateJwk: JWK;
  /** Every key departments trust (the signer's among them; several during a rotation). */
  publicJwks: JWK[];
}

export interface StartHubOptions<W> {
  departments: readonly HubDepartment<W>[];
  /** Parsed once at the edge (`hubConfig(process.env)`). */
  config: HubConfig;
  /** Builds the world an empty database is seeded with; called at most once, only if needed. */
  createWorld: (params: { people: number; seed: number }) => W;
  /** @default a pino logger named `hub` at `config.logLevel` */
  logger?: Logger;
  /** Progress of first-run seeding, per department. */
  progress?: (department: string) => SeedProgress | undefined;
  /** Query text GraphiQL opens with. */
  graphiqlDefaultQuery?: string;
  /** Overrides the caches' configuration (REDIS_URL, CACHE_*), e.g. `{ enabled: false }`. */
  cache?: GatewayCacheOptions;
  /**
   * Per-caller rate limits (docs/limits.md#rate-limits); `npm start` passes the configured
   * ones (`config.gateway.rateLimit`). @default none: tests and the benchmark run unlimited
   */
  rateLimit?: RateLimitOptions;
  /** The caller-token keys (CALLER_TOKEN_PRIVATE_KEY / CALLER_TOKEN_PUBLIC_KEYS). @default a fresh pair per start */
  callerTokenKeys?: CallerTokenKeys;
  /**
   * The longest caller token lifetime departments accept; only the benchmark, which
   * signs one token for a whole run, raises it. @default 300
   */
  callerTokenMaxLifetimeSeconds?: number;
}

export interface RunningDepartment {
  name: string;
  url: string;
  engine: 'sqlite' | 'postgres';
  /** True when this start found the database empty and seeded it. */
  seededNow: boolean;
  /** The department's SQL statement counter (tests and the benchmark read it). */
  statements: StatementCounter;
}

export interface Hub {
  /** `http://localhost:<port>`: the gateway as a browser on this machine reaches it. */
  gatewayUrl: string;
  graphqlUrl: string;
  graphiqlUrl: string;
  departments: RunningDepartment[];
  /** Milliseconds spent seeding empty databases (0 when all were seeded already). */
  seedMs: number;
  /** The keys of this start: a gateway in another process signs with `privateJwk`. */
  callerTokenKeys: CallerTokenKeys;
  /**
   * The hub store the gateway identifies callers with and audits into, its access registry
   * (`refresh()` makes a grant made meanwhile count at once) and its audit log. Tests act as
   * the platform operator through it rather than opening a second connection.
   */
  services: HubServices;
  /**
   * Starts another gateway instance in front of the same departments, built with the same
   * options as the first except `overrides` (several instances sharing Redis; cache variants).
   * It listens on a free loopback port and stops with the hub.
   */
  addGateway(overrides?: Partial<GatewayServerOptions>): Promise<Listening>;
  /** Stops the gateway, then every department, then closes their databases. Safe to call twice. */
  stop(): Promise<void>;
}

// Departments serve the gateway only, so they listen on loopback; the gateway on config.gateway.host.
const DEPARTMENT_HOST = '127.0.0.1';

/**
 * The whole hub in one process (`npm start`, tests, the benchmark): opens every department's
 * database, seeds the empty ones from one world, starts every department subgraph and then
 * the gateway in front of them. If any step fails, what already started is stopped again.
 */
export async function startHub<W>(options: StartHubOptions<W>): Promise<Hub> {
  const { config } = options;
  const logger = options.logger ?? createLogger('hub', config.logLevel);
  const cleanups: { what: string; run: () => Promise<void> }[] = [];
  const stop = async () => {
    for (const { what, run } of cleanups.splice(0).reverse()) {
      await run().then(
        () => logger.debug(`stopped ${what}`),
        (error: unknown) => logger.error({ err: error }, `could not stop ${what}`),
      );
    }
  };
  try {
    const hubServices = await openHubServices({ ...config.hub, logger });
    cleanups.push({ what: 'hub store', run: () => hubServices.close() });
    const opened: { department: HubDepartment<W>; database: DepartmentDatabase; empty: boolean }[] =
      [];
    for (const department of options.departments) {
      const database = await department.openDatabase({
        ...settingsOf(config, department.name).database,
        onIdleConnectionError: (err) =>
          logger.warn(
            { err, department: department.name },
            'a database connection was closed by the server; reconnecting on demand',
          ),
      });
      cleanups.push({ what: `${department.name} database`, run: () => database.close() });
      opened.push({ department, database, empty: !(await department.isSeeded(database)) });
    }

    const seedStarted = performance.now();
    const empty = opened.filter((o) => o.empty);
    if (empty.length > 0) {
      const world = options.createWorld(config.world);
      for (const { department, database } of empty) {
        logger.info(
          { department: department.name, ...config.world },
          `seeding ${department.title} (first run)`,
        );
        await department.seed(database, world, options.progress?.(department.name));
      }
    }
    const seedMs = empty.length > 0 ? performance.now() - seedStarted : 0;

    const callerTokenKeys = options.callerTokenKeys ?? (await freshCallerTokenKeys());
    const callerToken = createCallerTokenVerifier({
      publicKeys: callerTokenKeys.publicJwks,
      maxLifetimeSeconds: options.callerTokenMaxLifetimeSeconds,
    });
    const signer = await createCallerTokenSigner({ privateKey: callerTokenKeys.privateJwk });
    const running: RunningDepartment[] = [];
    const subgraphUrls: Record<string, string> = {};
    for (const { department, database, empty: seededNow } of opened) {
      const port = settingsOf(config, department.name).port;
      const listening = await listenOrExplain(
        () =>
          department
            .createServer({
              database,
              logger: logger.child({ department: department.name }),
              callerToken,
            })
            .listen(port, DEPARTMENT_HOST),
        `${department.envPrefix}_PORT`,
        port,
      );
      cleanups.push({ what: `${department.name} subgraph`, run: () => listening.close() });
      const url = `http://${DEPARTMENT_HOST}:${listening.port}/graphql`;
      if (listening.port !== department.defaultPort) subgraphUrls[department.name] = url;
      running.push({
        name: department.name,
        url,
        engine: database.engine,
        seededNow,
        statements: database.statements,
      });
    }

    const cache = { ...config.gateway.cache, ...options.cache };
    const gatewayOptions: GatewayServerOptions = {
      supergraphPath: config.gateway.supergraphPath,
      subgraphTimeoutMs: config.gateway.subgraphTimeoutMs,
      subgraphBatchOperations: config.gateway.subgraphBatchOperations,
      subgraphPersistedQueries: config.gateway.subgraphPersistedQueries,
      departmentGuard: config.gateway.departmentGuard,
      logger: logger.child({ component: 'gateway' }),
      subgraphUrls,
      cache,
      limits: config.gateway.limits,
      executor: config.gateway.executor,
      audit: { log: hubServices.auditLog },
      access: { registry: hubServices.registry, signer },
      desk: { sessions: hubServices.sessions },
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.graphiqlDefaultQuery
        ? { graphiqlDefaultQuery: options.graphiqlDefaultQuery }
        : {}),
    };
    const gateway = createGatewayServer(gatewayOptions);
    const listening = await listenOrExplain(
      () => gateway.listen(config.gateway.port, config.gateway.host),
      'GATEWAY_PORT',
      config.gateway.port,
    );
    cleanups.push({ what: 'gateway', run: () => listening.close() });
    wireInvalidation(options.departments, cache, gateway.cache, logger, cleanups);
    const gatewayUrl = `http://localhost:${listening.port}`;
    return {
      gatewayUrl,
      graphqlUrl: `${gatewayUrl}/graphql`,
      graphiqlUrl: `${gatewayUrl}/graphiql`,
      departments: running,
      seedMs,
      callerTokenKeys,
      services: hubServices,
      async addGateway(overrides = {}) {
        const another = await createGatewayServer({ ...gatewayOptions, ...overrides }).listen(
          0,
          DEPARTMENT_HOST,
        );
        cleanups.push({ what: 'another gateway', run: () => another.close() });
        return another;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function freshCallerTokenKeys(): Promise<CallerTokenKeys> {
  const { privateJwk, publicJwk } = await generateCallerTokenKeys();
  return { privateJwk, publicJwks: [publicJwk] };
}

/**
 * Committed writes evict cached answers: through Redis when REDIS_URL is set (every gateway
 * instance hears it), else straight into this process's gateway.
 */
function wireInvalidation<W>(
  departments: readonly HubDepartment<W>[],
  cache: GatewayCacheOptions,
  local:
    | { invalidate: (department: string, changes: readonly EntityChange[]) => Promise<void> }
    | undefined,
  logger: Logger,
  cleanups: { what: string; run: () => Promise<void> }[],
): void {
  const publisher = cache.redisUrl
    ? createRedisInvalidationPublisher({
        url: cache.redisUrl,
        prefix: cache.keyPrefix ?? 'govgraph',
        logger,
      })
    : undefined;
  if (publisher) cleanups.push({ what: 'invalidation publisher', run: () => publisher.close() });
  for (const department of departments) {
    const stop = department.onEntitiesChanged?.((changes) =>
      publisher
        ? publisher.publish(department.name, changes)
        : local?.invalidate(department.name, changes),
    );
    if (stop) cleanups.push({ what: `${department.name} invalidation`, run: async () => stop() });
  }
}

function settingsOf(config: HubConfig, name: string) {
  const settings = config.departments[name];
  if (!settings) throw new Error(`hub configuration has no settings for department ${name}`);
  return settings;
}

/** A port already in use is the common failure here; say which variable moves it. */
async function listenOrExplain(
  listen: () => Promise<Listening>,
  variable: string,
  port: number,
): Promise<Listening> {
  try {
    return await listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `port ${port} is already in use: stop what holds it, or set ${variable} to another port.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
