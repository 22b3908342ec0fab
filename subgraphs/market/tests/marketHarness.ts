import type { World } from '@govgraph/datagen';
import type { Database, Engine } from '@govgraph/schema/db';
import { createLogger, type Listening } from '@govgraph/schema/runtime';
import { createTestDatabase, type TestDatabase } from '@govgraph/schema/testing';
import { afterAll, beforeAll } from 'vitest';
import type { MarketDB } from '../src/db/schema.js';
import { department } from '../src/index.js';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface MarketHarness {
  /** The seeded database (valid inside tests, after beforeAll). */
  readonly database: Database<MarketDB>;
  query(q: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
}

/**
 * A real business registry for one test file: a fresh database of the engine, seeded from the
 * world, behind the production server factory on a free port.
 */
export function useMarket(engine: Engine, world: World): MarketHarness {
  let testDb: TestDatabase | undefined;
  let database: Database<MarketDB> | undefined;
  let server: Listening | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, 'market');
    database = await department.openDatabase(testDb.options);
    await department.seed(database, world);
    server = await department
      .createServer({ database, logger: createLogger('market', 'silent') })
      .listen(0);
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
    await testDb?.drop();
  });

  return {
    get database() {
      if (!database) throw new Error('the market database is opened in beforeAll');
      return database;
    },
    async query(q, variables) {
      if (!server) throw new Error('the market server is started in beforeAll');
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
  };
}

/** Code-point order, as both engines sort the registry's text columns. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
