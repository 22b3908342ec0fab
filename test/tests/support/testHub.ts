import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, type World } from '@govgraph/datagen';
import type { Engine } from '@govgraph/schema/db';
import { createTestDatabase, type TestDatabase } from '@govgraph/schema/testing';
import { departments, type Hub, hubConfig, startHub } from '@govgraph/tools';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestHub {
  hub: Hub;
  world: World;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The whole hub as `npm start` runs it (same `startHub`, same factories), on free ports, over
 * fresh databases of one engine, seeded with a small world.
 */
export async function startTestHub(engine: Engine, people = 1_500, seed = 11): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-hub-'));
  const databases: TestDatabase[] = [];
  const env: Record<string, string> = {
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_PEOPLE: String(people),
    GOVGRAPH_SEED: String(seed),
  };
  for (const department of departments) {
    env[`${department.envPrefix}_PORT`] = '0';
    if (engine === 'postgres') {
      const database = await createTestDatabase('postgres', department.name);
      databases.push(database);
      env[`${department.envPrefix}_DATABASE_URL`] = database.options.url ?? '';
    }
  }
  const cleanup = async () => {
    for (const database of databases) await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const hub = await startHub({ departments, config: hubConfig(departments, env), createWorld });
    return {
      hub,
      world: createWorld({ seed, people }),
      query: async (query, variables) => {
        const res = await fetch(hub.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as never;
      },
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
