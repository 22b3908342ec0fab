import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { departmentNamesOf, departmentUrls, departmentUrlVar } from '@govgraph/gateway';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { departments } from '../src/departments.js';
import { SUPERGRAPH_PATH } from '../src/paths.js';

const DEPLOY = new URL('../../deploy/', import.meta.url);
const read = (name: string) => readFileSync(fileURLToPath(new URL(name, DEPLOY)), 'utf8');

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  expose?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const gateways = Object.keys(services).filter((name) => name.startsWith('gateway-'));

/** What compose makes of `${VAR:-default}` with VAR unset; `${VAR:?message}` stays required. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
}

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`deploy/docker-compose.yml has no service ${name}`);
  return found;
}

function env(name: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, withDefaults(String(v))]),
  );
}

/** The database a postgres:// URL names. */
function databaseOf(url: string | undefined): string {
  if (!url?.startsWith('postgres://')) throw new Error(`not a postgres:// URL: ${url}`);
  return new URL(url).pathname.slice(1);
}

describe('deploy/docker-compose.yml', () => {
  it('runs every department of tools/src/departments.ts as a service of its own', () => {
    for (const department of departments) {
      const own = service(department.name);
      const vars = env(department.name);
      expect(own.command).toEqual(['npm', 'start', '-w', `@govgraph/${department.name}`]);
      expect(vars[`${department.envPrefix}_PORT`]).toBe(String(department.defaultPort));
      expect(own.expose).toEqual([String(department.defaultPort)]);
      expect(vars.CALLER_TOKEN_PUBLIC_KEYS).toMatch(/^\$\{CALLER_TOKEN_PUBLIC_KEYS:\?/);
      expect(vars.REDIS_URL).toBe('redis://redis:6379');
      expect(own.healthcheck?.test.join(' ')).toContain(
        `http://127.0.0.1:${department.defaultPort}/health`,
      );
      expect(own.depends_on?.postgres?.condition).toBe('service_healthy');
    }
    // No service beyond the departments, the gateways, the stores and the seed step.
    const known = new Set([
      ...departments.map((d) => d.name),
      ...gateways,
      'postgres',
      'redis',
      'seed',
    ]);
    expect(Object.keys(services).filter((name) => !known.has(name))).toEqual([]);
  });

  it('gives each department a PostgreSQL database the init script creates; the tracker uses the hub store', () => {
    const created = [...read('postgres-init.sql').matchAll(/^CREATE DATABASE (\w+);$/gm)].map(
      (m) => m[1],
    );
    const hubDatabase = env('postgres').POSTGRES_DB;
    for (const department of departments) {
      const vars = env(department.name);
      // The tracker's database is the hub store (its module's databaseLocation).
      const url = department.databaseLocation
        ? vars.HUB_DATABASE_URL
        : vars[`${department.envPrefix}_DATABASE_URL`];
      const database = databaseOf(url);
      if (department.databaseLocation) expect(database).toBe(hubDatabase);
      else expect(created).toContain(database);
      // The seed step fills the same database the department reads.
      if (!department.databaseLocation) {
        expect(env('seed')[`${department.envPrefix}_DATABASE_URL`]).toBe(url);
      }
    }
    expect(service('seed').profiles).toEqual(['seed']);
  });

  it('runs two gateways, each sending every department’s fetches to that department’s service and port', () => {
    expect(gateways).toEqual(['gateway-1', 'gateway-2']);
    const names = departmentNamesOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    expect(names).toEqual(departments.map((d) => d.name).sort());
    const hostPorts = new Set<string>();
    for (const gateway of gateways) {
      const vars = env(gateway);
      expect(service(gateway).command).toEqual(['npm', 'start', '-w', '@govgraph/gateway']);
      // Exactly what the production gateway reads: valid URLs, no unknown department.
      const read = departmentUrls(names, vars);
      expect(read.unknown).toEqual([]);
      for (const department of departments) {
        expect(departmentUrlVar(department.name)).toBe(`${department.envPrefix}_URL`);
        expect(read.urls[department.name]).toBe(
          `http://${department.name}:${department.defaultPort}/graphql`,
        );
        expect(service(gateway).depends_on?.[department.name]?.condition).toBe('service_healthy');
      }
      // One hub store and one Redis for both: agencies, audit chain, cache and rate limits shared.
      expect(vars.HUB_DATABASE_URL).toBe(env('tracker').HUB_DATABASE_URL);
      expect(vars.REDIS_URL).toBe('redis://redis:6379');
      expect(vars.CALLER_TOKEN_PRIVATE_KEY).toMatch(/^\$\{CALLER_TOKEN_PRIVATE_KEY:\?/);
      expect(vars.GATEWAY_PORT).toBe('4000');
      const [published = ''] = (service(gateway).ports ?? []).map(withDefaults);
      expect(published).toMatch(/^\d+:4000$/);
      hostPorts.add(published.split(':')[0] ?? '');
    }
    expect(hostPorts.size).toBe(gateways.length);
  });
});
