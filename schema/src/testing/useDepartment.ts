import { afterAll, beforeAll } from 'vitest';
import type { Database, Engine } from '../db/openDatabase.js';
import type { DepartmentModule } from '../runtime/departmentModule.js';
import type { Listening } from '../runtime/httpServer.js';
import { createLogger } from '../runtime/logger.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface DepartmentHarness<DB> {
  /** The seeded database (valid inside tests, after beforeAll). */
  readonly database: Database<DB>;
  /** The department's own URL, e.g. `http://127.0.0.1:PORT` (valid after beforeAll). */
  readonly url: string;
  /** POSTs a GraphQL request to the department, as the gateway would. */
  query(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
}

/**
 * A real department for one test file: a fresh database of the engine, seeded from the world,
 * behind the department's production server factory on a free port; all of it removed after.
 */
export function useDepartment<DB, W>(
  department: DepartmentModule<DB, W>,
  engine: Engine,
  world: W,
): DepartmentHarness<DB> {
  let testDb: TestDatabase | undefined;
  let database: Database<DB> | undefined;
  let server: Listening | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, department.name);
    database = await department.openDatabase(testDb.options);
    await department.seed(database, world);
    server = await department
      .createServer({ database, logger: createLogger(department.name, 'silent') })
      .listen(0);
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
    await testDb?.drop();
  });

  const started = () => {
    if (!server || !database)
      throw new Error(`the ${department.name} department starts in beforeAll`);
    return { server, database };
  };
  return {
    get database() {
      return started().database;
    },
    get url() {
      return started().server.url;
    },
    async query(query, variables) {
      const res = await fetch(`${started().server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
  };
}
