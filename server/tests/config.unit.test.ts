import { DEFAULT_DATA_DIR, departmentConfig } from '@govgraph/department';
import { ConfigError, databaseUrlVar, logLevelVar, parseEnv, portVar } from '@govgraph/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const shape = {
  PORT: portVar(4001),
  DATABASE_URL: databaseUrlVar,
  LOG_LEVEL: logLevelVar,
  REGION: z.string().min(1, 'must name a region'),
};

/** The ConfigError parseEnv throws for this environment. */
function configErrorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(shape, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('applies the defaults for unset variables', () => {
    expect(parseEnv(shape, { REGION: 'east' })).toEqual({
      PORT: 4001,
      LOG_LEVEL: 'info',
      REGION: 'east',
    });
  });

  it('reads set variables into typed values', () => {
    expect(
      parseEnv(shape, {
        PORT: '8080',
        DATABASE_URL: 'postgresql://db.internal:5432/population',
        LOG_LEVEL: 'debug',
        REGION: 'east',
        UNRELATED: 'ignored',
      }),
    ).toEqual({
      PORT: 8080,
      DATABASE_URL: 'postgresql://db.internal:5432/population',
      LOG_LEVEL: 'debug',
      REGION: 'east',
    });
  });

  it('names every bad variable, its value and its problem, all at once', () => {
    const error = configErrorFor({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/population',
      LOG_LEVEL: 'loud',
    });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(
      [
        'Configuration is not valid:',
        '  PORT is "eighty": must be a port number',
        '  DATABASE_URL is "mysql://db/population": must be a postgres:// URL, or unset for the embedded SQLite file',
        '  LOG_LEVEL is "loud": must be one of fatal, error, warn, info, debug, trace, silent',
        '  REGION is not set: it is required',
      ].join('\n'),
    );
  });

  it.each([
    ['70000', 'must be 0-65535'],
    ['-1', 'must be 0-65535'],
    ['80.5', 'must be a whole number'],
  ])('refuses the port %s: %s', (value, problem) => {
    expect(configErrorFor({ PORT: value, REGION: 'east' }).message).toBe(
      `Configuration is not valid:\n  PORT is "${value}": ${problem}`,
    );
  });

  it('never repeats a secret in the error: keys are not shown, URL passwords are masked', () => {
    const shape = {
      REDIS_URL: z.string().startsWith('redis+cluster://', 'must be a cluster URL'),
      CALLER_TOKEN_PRIVATE_KEY: z.string().startsWith('{', 'must be a JWK'),
    };
    let message = '';
    try {
      parseEnv(shape, {
        REDIS_URL: 'redis://admin:s3cret-pass@cache.internal:6379',
        CALLER_TOKEN_PRIVATE_KEY: 'not-a-jwk-but-secret',
      });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toBe(
      [
        'Configuration is not valid:',
        '  REDIS_URL is "redis://admin:***@cache.internal:6379": must be a cluster URL',
        '  CALLER_TOKEN_PRIVATE_KEY is set (20 characters, not shown): must be a JWK',
      ].join('\n'),
    );
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('not-a-jwk');
  });

  it('takes an empty variable as unset, so `PORT=` is the default port and not port 0', () => {
    expect(parseEnv(shape, { PORT: '', DATABASE_URL: '', LOG_LEVEL: '', REGION: 'east' })).toEqual({
      PORT: 4001,
      LOG_LEVEL: 'info',
      REGION: 'east',
    });
    expect(configErrorFor({ REGION: '' }).message).toBe(
      'Configuration is not valid:\n  REGION is "": Invalid input: expected string, received undefined',
    );
  });
});

describe('departmentConfig', () => {
  it("reads a department's variables under its prefix, with defaults", () => {
    expect(departmentConfig('MARKET', 4002, {})).toEqual({
      port: 4002,
      databaseUrl: undefined,
      dataDir: DEFAULT_DATA_DIR,
      logLevel: 'info',
      redisUrl: undefined,
      cacheKeyPrefix: 'govgraph',
    });
    expect(
      departmentConfig('MARKET', 4002, {
        MARKET_PORT: '0',
        MARKET_DATABASE_URL: 'postgres://postgres@127.0.0.1/market',
        GOVGRAPH_DATA_DIR: '/var/lib/govgraph',
        LOG_LEVEL: 'warn',
        POPULATION_PORT: 'not mine',
      }),
    ).toEqual({
      port: 0,
      databaseUrl: 'postgres://postgres@127.0.0.1/market',
      dataDir: '/var/lib/govgraph',
      logLevel: 'warn',
      redisUrl: undefined,
      cacheKeyPrefix: 'govgraph',
    });
  });

  it('names the prefixed variable that is wrong', () => {
    expect(() => departmentConfig('MARKET', 4002, { MARKET_PORT: '99999' })).toThrow(
      'MARKET_PORT is "99999": must be 0-65535',
    );
  });
});
