import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, type World } from '@govgraph/datagen';
import type { DatabaseOptions, Engine } from '@govgraph/department/db';
import { createTestDatabase, type TestDatabase } from '@govgraph/testing';
import {
  departments,
  type Hub,
  hubConfig,
  registerSyntheticAgency,
  type SyntheticAgency,
  startHub,
} from '@govgraph/tools';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** What a caller sends besides the query: a credential and the purpose headers. */
export interface CallerHeaders {
  apiKey?: string;
  bearerToken?: string;
  purpose?: string;
  caseId?: string;
  operatorId?: string;
}

export interface TestHub {
  hub: Hub;
  world: World;
  /**
   * Queries as the integration-test agency, which holds a grant for every field of the graph
   * under purpose `INTEGRATION_TEST`, with a case number and operator: these tests are about
   * the data, the access tests (access*.test.ts) about who may read it.
   */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    /** Sent besides the agency's (e.g. a W3C `traceparent`). */
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Queries with the given credential and purpose headers (none: anonymous). */
  queryAs<T = Record<string, unknown>>(
    caller: CallerHeaders,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** The hub store's database options (agencies, grants, audit log), for tests that look inside. */
  hubDatabase: DatabaseOptions;
  stop(): Promise<void>;
}

/** The agency the integration tests read the data as. */
export const TEST_AGENCY: SyntheticAgency = {
  id: 'integration-tests',
  name: 'govgraph integration tests',
  purpose: 'INTEGRATION_TEST',
  description: 'Integration tests of the hub over synthetic data.',
};

/** The headers a caller's credential and purpose become. */
export function callerHeaders(caller: CallerHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  if (caller.apiKey) headers['x-api-key'] = caller.apiKey;
  if (caller.bearerToken) headers.authorization = `Bearer ${caller.bearerToken}`;
  if (caller.purpose) headers['x-purpose'] = caller.purpose;
  if (caller.caseId) headers['x-case-id'] = caller.caseId;
  if (caller.operatorId) headers['x-operator-id'] = caller.operatorId;
  return headers;
}

/**
 * The whole hub as `npm start` runs it (same `startHub`, same factories), on free ports, over
 * fresh databases of one engine, seeded with a small world.
 */
export async function startTestHub(
  engine: Engine,
  people = 1_500,
  seed = 11,
  /** More configuration, as environment variables (e.g. `SUBGRAPH_BATCH_OPERATIONS`). */
  settings: Record<string, string> = {},
): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-hub-'));
  const databases: TestDatabase[] = [];
  const env: Record<string, string> = {
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_PEOPLE: String(people),
    GOVGRAPH_SEED: String(seed),
    ...settings,
  };
  for (const department of departments) {
    env[`${department.envPrefix}_PORT`] = '0';
    if (engine === 'postgres') {
      const database = await createTestDatabase('postgres', department.name);
      databases.push(database);
      env[`${department.envPrefix}_DATABASE_URL`] = database.options.url ?? '';
    }
  }
  if (engine === 'postgres') {
    const database = await createTestDatabase('postgres', 'hub');
    databases.push(database);
    env.HUB_DATABASE_URL = database.options.url ?? '';
  }
  const cleanup = async () => {
    for (const database of databases) await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = hubConfig(departments, env);
    const hub = await startHub({ departments, config, createWorld });
    const apiKey = await registerSyntheticAgency(
      hub.services,
      readFileSync(config.gateway.supergraphPath, 'utf8'),
      TEST_AGENCY,
    );
    const queryAs = async <T>(
      caller: CallerHeaders,
      query: string,
      variables?: Record<string, unknown>,
      headers: Record<string, string> = {},
    ): Promise<GraphQLResponse<T>> => {
      const res = await fetch(hub.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...callerHeaders(caller) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<T>;
    };
    const testAgency: CallerHeaders = {
      apiKey,
      purpose: TEST_AGENCY.purpose,
      caseId: 'IT-2026-0001',
      operatorId: 'tester-01',
    };
    return {
      hub,
      world: createWorld({ seed, people }),
      hubDatabase: config.hub.database,
      query: (query, variables, headers) => queryAs(testAgency, query, variables, headers),
      queryAs,
      stop: async () => {
        await hub.stop();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
