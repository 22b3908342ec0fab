import { readFileSync } from 'node:fs';
import { ConfigError } from '@govgraph/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH } from '../src/config.js';
import {
  departmentNamesOf,
  departmentUrls,
  departmentUrlVar,
} from '../src/supergraph/departmentUrls.js';

const names = departmentNamesOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'));

describe('department URLs from the environment', () => {
  it('finds every department of the committed supergraph', () => {
    expect(names).toEqual([
      'approvals',
      'complaints',
      'housing',
      'market',
      'population',
      'social',
      'statistics',
      'tax',
      'tracker',
    ]);
    expect(departmentUrlVar('population')).toBe('POPULATION_URL');
    expect(departmentUrlVar('land-registry')).toBe('LAND_REGISTRY_URL');
  });

  it('overrides only the departments whose variable is set; an empty one counts as unset', () => {
    const env = {
      POPULATION_URL: 'http://population.internal:8080/graphql',
      MARKET_URL: 'https://market.example.gov/graphql',
      TAX_URL: '',
    };
    expect(departmentUrls(names, env)).toEqual({
      urls: {
        population: 'http://population.internal:8080/graphql',
        market: 'https://market.example.gov/graphql',
      },
      unknown: [],
    });
  });

  it('reports a *_URL that names no department, and leaves other services’ URLs alone', () => {
    const env = {
      POPULATON_URL: 'http://typo:4001/graphql',
      REDIS_URL: 'redis://127.0.0.1:6379',
      HUB_DATABASE_URL: 'postgres://db/hub',
      POPULATION_DATABASE_URL: 'postgres://db/population',
    };
    expect(departmentUrls(names, env)).toEqual({ urls: {}, unknown: ['POPULATON_URL'] });
  });

  it('refuses a value that is not an http(s) URL, naming every bad variable', () => {
    const env = { MARKET_URL: 'market:4002', TAX_URL: 'ftp://tax/graphql' };
    expect(() => departmentUrls(names, env)).toThrow(ConfigError);
    expect(() => departmentUrls(names, env)).toThrow(/MARKET_URL is "market:4002"/);
    expect(() => departmentUrls(names, env)).toThrow(/TAX_URL is "ftp:\/\/tax\/graphql"/);
  });
});
