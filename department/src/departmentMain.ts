import { fileURLToPath } from 'node:url';
import { cacheKeyPrefixVar, createRedisInvalidationPublisher } from '@govgraph/cache';
import {
  type CallerTokenVerifier,
  ConfigError,
  callerTokenPublicKeysVar,
  createCallerTokenVerifier,
  createLogger,
  databaseUrlVar,
  logLevelVar,
  parseEnv,
  portVar,
  redisUrlVar,
  startTracing,
} from '@govgraph/server';
import { z } from 'zod';
import type { DatabaseLocation, DepartmentModule } from './departmentModule.js';

/** Where embedded department databases live unless GOVGRAPH_DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

/** Reads one department's configuration from the environment (e.g. POPULATION_PORT). */
export function departmentConfig(prefix: string, defaultPort: number, env = process.env) {
  const raw = parseEnv(
    {
      [`${prefix}_PORT`]: portVar(defaultPort),
      [`${prefix}_DATABASE_URL`]: databaseUrlVar,
      GOVGRAPH_DATA_DIR: z.string().min(1, 'must be a directory path').default(DEFAULT_DATA_DIR),
      LOG_LEVEL: logLevelVar,
      REDIS_URL: redisUrlVar,
      CACHE_KEY_PREFIX: cacheKeyPrefixVar,
    },
    env,
  ) as Record<string, unknown>;
  return {
    port: raw[`${prefix}_PORT`] as number,
    databaseUrl: raw[`${prefix}_DATABASE_URL`] as string | undefined,
    dataDir: raw.GOVGRAPH_DATA_DIR as string,
    logLevel: raw.LOG_LEVEL as string,
    /** Where committed writes are announced to the gateways' caches; unset: nowhere. */
    redisUrl: raw.REDIS_URL as string | undefined,
    cacheKeyPrefix: raw.CACHE_KEY_PREFIX as string,
  };
}

/**
 * The whole of a department's `main.ts`: validated config (CALLER_TOKEN_PUBLIC_KEYS required),
 * database, listen, stop on signals.
 */
export async function runDepartmentMain<DB>(department: DepartmentModule<DB>): Promise<void> {
  let config: ReturnType<typeof departmentConfig>;
  let callerToken: CallerTokenVerifier;
  let location: DatabaseLocation;
  try {
    config = departmentConfig(department.envPrefix, department.defaultPort);
    callerToken = createCallerTokenVerifier({ publicKeys: callerTokenPublicKeysVar() });
    location = department.databaseLocation?.(process.env) ?? {
      url: config.databaseUrl,
      sqliteFile: `${config.dataDir}/${department.name}.sqlite`,
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${department.name}: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(department.name, config.logLevel);
  // OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md#tracing).
  const tracing = startTracing({ serviceName: `govgraph-${department.name}` });
  const database = await department.openDatabase({
    ...location,
    onIdleConnectionError: (err) =>
      logger.warn(
        { err },
        'a database connection was closed by the server; reconnecting on demand',
      ),
  });
  const redisUrl = config.redisUrl;
  const publisher =
    redisUrl && department.onEntitiesChanged
      ? createRedisInvalidationPublisher({ url: redisUrl, prefix: config.cacheKeyPrefix, logger })
      : undefined;
  if (publisher) department.onEntitiesChanged?.((c) => publisher.publish(department.name, c));
  const listening = await department
    .createServer({ database, logger, callerToken })
    .listen(config.port, '0.0.0.0');
  logger.info(
    { port: listening.port, engine: database.engine },
    `${department.title} subgraph listening`,
  );
  const stop = async () => {
    await listening.close();
    await publisher?.close();
    await database.close();
    await tracing.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
