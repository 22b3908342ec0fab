import { parseEnv } from '@govgraph/server';
import { parse } from 'graphql';
import { z } from 'zod';
import { graphNamesOf } from '../catalog/catalogDirectives.js';

/**
 * `_URL` variables that name something other than a department: not reported as unknown.
 * (`HUB_DATABASE_URL`, `POPULATION_DATABASE_URL`, … have more than one word before `_URL`
 * and are never taken for a department.)
 */
const NOT_DEPARTMENTS = new Set(['REDIS_URL', 'DATABASE_URL']);

/** A single-word name before `_URL`: the shape a department's variable has. */
const DEPARTMENT_LIKE = /^[A-Z][A-Z0-9]*_URL$/;

/** What the environment says about where the departments run. */
export interface DepartmentUrls {
  /** Department name (as in the supergraph) → its GraphQL URL, for those overridden. */
  urls: Record<string, string>;
  /** `*_URL` variables set that look like a department's but name none of the supergraph. */
  unknown: string[];
}

/** The variable that overrides a department's URL: `population` → `POPULATION_URL`. */
export function departmentUrlVar(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`;
}

/** The department names of a composed supergraph (`@join__graph(name:)` of `join__Graph`). */
export function departmentNamesOf(supergraphSdl: string): string[] {
  return [...graphNamesOf(parse(supergraphSdl)).values()].sort();
}

function urlVar(name: string) {
  return z
    .url({
      protocol: /^https?$/,
      error: `must be the http(s) URL of the department's GraphQL endpoint, e.g. http://${name}:4001/graphql`,
    })
    .optional();
}

/**
 * Reads `<NAME>_URL` for every department `names` lists; a value that is not an http(s) URL
 * throws a `ConfigError` naming the variable. Unset: the URL written in the supergraph applies.
 */
export function departmentUrls(
  names: readonly string[],
  env: Record<string, string | undefined> = process.env,
): DepartmentUrls {
  const byVar = new Map(names.map((name) => [departmentUrlVar(name), name]));
  const raw = parseEnv(
    Object.fromEntries([...byVar].map(([variable, name]) => [variable, urlVar(name)])),
    env,
  ) as Record<string, string | undefined>;
  const urls: Record<string, string> = {};
  for (const [variable, name] of byVar) {
    const url = raw[variable];
    if (url) urls[name] = url;
  }
  const unknown = Object.keys(env)
    .filter((key) => env[key] && DEPARTMENT_LIKE.test(key))
    .filter((key) => !byVar.has(key) && !NOT_DEPARTMENTS.has(key))
    .sort();
  return { urls, unknown };
}
