import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from '@govgraph/schema/runtime';
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
      workers: availableParallelism(),
      limits: DEFAULT_REQUEST_LIMITS,
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
        LOG_LEVEL: 'debug',
        GATEWAY_WORKERS: '3',
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
      workers: 3,
      limits: DEFAULT_REQUEST_LIMITS,
    });
  });

  it('stops on bad values with a message naming each bad variable', () => {
    const bad = () =>
      gatewayConfig({ GATEWAY_PORT: '70000', SUBGRAPH_TIMEOUT_MS: 'soon', LOG_LEVEL: 'loud' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/GATEWAY_PORT is "70000": must be 0-65535/);
    expect(bad).toThrow(/SUBGRAPH_TIMEOUT_MS is "soon": must be a number of milliseconds/);
    expect(bad).toThrow(/LOG_LEVEL is "loud": must be one of/);
  });

  it('refuses a zero timeout', () => {
    expect(() => gatewayConfig({ SUBGRAPH_TIMEOUT_MS: '0' })).toThrow(
      /SUBGRAPH_TIMEOUT_MS is "0": must be at least 1 millisecond/,
    );
  });
});
