import { type DatabaseLocation, departmentConfig } from '@govgraph/department';
import type { DatabaseOptions } from '@govgraph/department/db';
import { type GatewayConfig, gatewayConfig } from '@govgraph/gateway';
import { type HubAccessConfig, hubAccessConfig, hubStoreConfig } from '@govgraph/governance';
import { ConfigError, parseEnv } from '@govgraph/server';
import { z } from 'zod';

type Env = Record<string, string | undefined>;

/** What the tools read of a department to configure it. */
export interface ConfigurableDepartment {
  name: string;
  envPrefix: string;
  defaultPort: number;
  /** Where its data lives when not in its own database (the tracker: the hub store). */
  databaseLocation?(env: Env): DatabaseLocation;
}

export interface DepartmentSettings {
  port: number;
  /** Where the department's data lives: its PostgreSQL URL, or its embedded SQLite file. */
  database: DatabaseOptions;
}

export interface HubConfig {
  gateway: GatewayConfig;
  /** By department name. */
  departments: Record<string, DepartmentSettings>;
  /** The hub's own store (agencies, grants, audit log) and how callers are identified. */
  hub: { database: DatabaseOptions; access: HubAccessConfig };
  /** The world `npm start` seeds an empty database with. */
  world: { people: number; seed: number };
  logLevel: string;
}

/**
 * One department's settings (`<PREFIX>_PORT`, `<PREFIX>_DATABASE_URL`, `GOVGRAPH_DATA_DIR`), or
 * the database the department names itself.
 */
export function departmentSettings(
  department: ConfigurableDepartment,
  env: Env,
): DepartmentSettings {
  const config = departmentConfig(department.envPrefix, department.defaultPort, env);
  return {
    port: config.port,
    database: department.databaseLocation?.(env) ?? {
      url: config.databaseUrl,
      sqliteFile: `${config.dataDir}/${department.name}.sqlite`,
    },
  };
}

/**
 * The whole hub's configuration: the gateway's, every department's, and the default world.
 * Every bad variable of every part is reported in one `ConfigError`.
 */
export function hubConfig(departments: readonly ConfigurableDepartment[], env: Env): HubConfig {
  const problems = new Set<string>();
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const line of error.message.split('\n').slice(1)) problems.add(line);
      return undefined;
    }
  };
  const gateway = attempt(() => gatewayConfig(env));
  const hubDatabase = attempt(() => hubStoreConfig(env));
  const access = attempt(() => hubAccessConfig(env));
  const settings = departments.map(
    (d) => [d.name, attempt(() => departmentSettings(d, env))] as const,
  );
  const world = attempt(() =>
    parseEnv(
      {
        GOVGRAPH_PEOPLE: z.coerce
          .number({ error: 'must be a number of people' })
          .int('must be a whole number of people')
          .min(1, 'must be at least 1')
          .max(10_000_000, 'must be at most 10000000')
          .default(10_000),
        GOVGRAPH_SEED: z.coerce
          .number({ error: 'must be an integer seed' })
          .int('must be an integer seed')
          .default(42),
      },
      env,
    ),
  );
  if (problems.size > 0 || !gateway || !world || !hubDatabase || !access) {
    throw new ConfigError(`Configuration is not valid:\n${[...problems].join('\n')}`);
  }
  const byName: Record<string, DepartmentSettings> = {};
  for (const [name, value] of settings) if (value) byName[name] = value;
  return {
    gateway,
    departments: byName,
    hub: { database: hubDatabase, access },
    world: { people: world.GOVGRAPH_PEOPLE, seed: world.GOVGRAPH_SEED },
    logLevel: gateway.logLevel,
  };
}
