import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from '@govgraph/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, DEFAULT_SUPERGRAPH_PATH, gatewayConfig } from '../src/index.js';

describe('gatewayConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(gatewayConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      supergraphPath: DEFAULT_SUPERGRAPH_PATH,
      subgraphTimeoutMs: 5000,
      logLevel: 'info',
      cache: {
        enabled: true,
        defaultTtlSeconds: 60,
        personalMaxTtlSeconds: 30,
        keyPrefix: 'govgraph',
      },
      rateLimit: { enabled: true, keyPrefix: 'govgraph:rate', trustedProxies: [] },
      workers: availableParallelism(),
      departmentGuard: {
        maxInFlight: 256,
        maxQueued: 1024,
        breakerFailures: 5,
        breakerCooldownMs: 10_000,
        maxResponseBytes: 8 * 1024 * 1024,
      },
      limits: DEFAULT_REQUEST_LIMITS,
      executor: 'lean',
      subgraphBatchOperations: 16,
      subgraphPersistedQueries: true,
    });
    expect(DEFAULT_SUPERGRAPH_PATH).toBe(resolve(import.meta.dirname, '../supergraph.graphql'));
  });

  it('reads every variable, resolving a relative supergraph path from the working directory', () => {
    expect(
      gatewayConfig({
        GATEWAY_PORT: '8080',
        GATEWAY_HOST: '127.0.0.1',
        SUPERGRAPH_PATH: 'build/supergraph.graphql',
        SUBGRAPH_TIMEOUT_MS: '1500',
        SUBGRAPH_BATCH_OPERATIONS: '4',
        SUBGRAPH_PERSISTED_QUERIES: 'false',
        LOG_LEVEL: 'debug',
        GATEWAY_WORKERS: '3',
        GATEWAY_EXECUTOR: 'apollo',
        RATE_LIMIT_ENABLED: 'false',
        RATE_LIMIT_TRUSTED_PROXIES: '10.0.0.5, ::1',
        DEPARTMENT_MAX_IN_FLIGHT: '32',
        DEPARTMENT_MAX_QUEUED: '0',
        DEPARTMENT_BREAKER_FAILURES: '3',
        DEPARTMENT_BREAKER_COOLDOWN_MS: '2500',
        DEPARTMENT_MAX_RESPONSE_BYTES: '1048576',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      supergraphPath: resolve('build/supergraph.graphql'),
      subgraphTimeoutMs: 1500,
      logLevel: 'debug',
      cache: {
        enabled: true,
        defaultTtlSeconds: 60,
        personalMaxTtlSeconds: 30,
        keyPrefix: 'govgraph',
      },
      rateLimit: {
        enabled: false,
        keyPrefix: 'govgraph:rate',
        trustedProxies: ['10.0.0.5', '::1'],
      },
      workers: 3,
      departmentGuard: {
        maxInFlight: 32,
        maxQueued: 0,
        breakerFailures: 3,
        breakerCooldownMs: 2500,
        maxResponseBytes: 1_048_576,
      },
      limits: DEFAULT_REQUEST_LIMITS,
      executor: 'apollo',
      subgraphBatchOperations: 4,
      subgraphPersistedQueries: false,
    });
  });

  it('refuses a trusted proxy that is not an IP address', () => {
    expect(() => gatewayConfig({ RATE_LIMIT_TRUSTED_PROXIES: '10.0.0.5,proxy.local' })).toThrow(
      /RATE_LIMIT_TRUSTED_PROXIES .*must be IP addresses separated by commas/,
    );
  });

  it('stops on bad values with a message naming each bad variable', () => {
    const bad = () =>
      gatewayConfig({
        GATEWAY_PORT: '70000',
        SUBGRAPH_TIMEOUT_MS: 'soon',
        LOG_LEVEL: 'loud',
        GATEWAY_EXECUTOR: 'graphql-js',
      });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/GATEWAY_EXECUTOR is "graphql-js": must be lean or apollo/);
    expect(bad).toThrow(/GATEWAY_PORT is "70000": must be 0-65535/);
    expect(bad).toThrow(/SUBGRAPH_TIMEOUT_MS is "soon": must be a number of milliseconds/);
    expect(bad).toThrow(/LOG_LEVEL is "loud": must be one of/);
  });

  it('stops on bad department guard values, naming each', () => {
    const bad = () =>
      gatewayConfig({
        DEPARTMENT_MAX_IN_FLIGHT: '0',
        DEPARTMENT_BREAKER_COOLDOWN_MS: 'later',
        DEPARTMENT_MAX_RESPONSE_BYTES: '10',
      });
    expect(bad).toThrow(/DEPARTMENT_MAX_IN_FLIGHT is "0": must be at least 1/);
    expect(bad).toThrow(
      /DEPARTMENT_BREAKER_COOLDOWN_MS is "later": must be a number of milliseconds/,
    );
    expect(bad).toThrow(/DEPARTMENT_MAX_RESPONSE_BYTES is "10": must be at least 1024/);
  });

  it('refuses a zero timeout', () => {
    expect(() => gatewayConfig({ SUBGRAPH_TIMEOUT_MS: '0' })).toThrow(
      /SUBGRAPH_TIMEOUT_MS is "0": must be at least 1 millisecond/,
    );
    expect(() => gatewayConfig({ SUBGRAPH_BATCH_OPERATIONS: '0' })).toThrow(
      /SUBGRAPH_BATCH_OPERATIONS is "0": must be at least 1 \(1 sends every fetch alone\)/,
    );
    expect(() => gatewayConfig({ SUBGRAPH_BATCH_OPERATIONS: '17' })).toThrow(
      /SUBGRAPH_BATCH_OPERATIONS is "17": must be at most 16, what a department takes/,
    );
    expect(() => gatewayConfig({ SUBGRAPH_BATCH_OPERATIONS: 'many' })).toThrow(
      /SUBGRAPH_BATCH_OPERATIONS is "many": must be a number of operations/,
    );
  });
});
