import type { SeedableDepartment } from '@govgraph/department';
import type { Database, Engine } from '@govgraph/department/db';
import type { Listening } from '@govgraph/server';
import { CALLER_TOKEN_HEADER, type CallerTokenClaims, createLogger } from '@govgraph/server';
import { createTestCallerToken, type TestCallerToken } from '@govgraph/testing';
import { afterAll, beforeAll } from 'vitest';
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
  /**
   * POSTs a GraphQL request to the department, as the gateway would: with a caller token
   * signed for it (an anonymous caller unless `claims` says otherwise).
   */
  query(
    query: string,
    variables?: Record<string, unknown>,
    claims?: Partial<CallerTokenClaims>,
  ): Promise<GraphQLResponse>;
  /**
   * POSTs a GraphQL request with exactly the `x-govgraph-caller` header given (none when
   * undefined), as something other than the gateway might; returns the HTTP status too.
   */
  rawQuery(
    query: string,
    callerTokenFor: string | undefined,
  ): Promise<{ status: number; body: GraphQLResponse }>;
  /** Signs a caller token with the key this department trusts. */
  sign(claims?: Partial<CallerTokenClaims>): Promise<string>;
}

/**
 * A real department for one test file: a fresh database of the engine, seeded from the world,
 * behind the department's production server factory on a free port; all of it removed after.
 */
export function useDepartment<DB, W>(
  department: SeedableDepartment<DB, W>,
  engine: Engine,
  world: W,
): DepartmentHarness<DB> {
  let testDb: TestDatabase | undefined;
  let database: Database<DB> | undefined;
  let server: Listening | undefined;
  let hub: TestCallerToken | undefined;

  beforeAll(async () => {
    // Its own key pair, as `npm start` makes one per start: the gateway signs, the department verifies.
    hub = await createTestCallerToken(`test-${department.name}`);
    const callerToken = hub.verifier;
    testDb = await createTestDatabase(engine, department.name);
    database = await department.openDatabase(testDb.options);
    await department.seed(database, world);
    server = await department
      .createServer({ database, logger: createLogger(department.name, 'silent'), callerToken })
      .listen(0);
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
    await testDb?.drop();
  });

  const started = () => {
    if (!server || !database || !hub)
      throw new Error(`the ${department.name} department starts in beforeAll`);
    return { server, database, hub };
  };
  const sign = (claims: Partial<CallerTokenClaims> = {}) => started().hub.token(claims);
  const post = async (query: string, variables: unknown, token: string | undefined) => {
    const res = await fetch(`${started().server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { [CALLER_TOKEN_HEADER]: token }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLResponse };
  };
  return {
    get database() {
      return started().database;
    },
    get url() {
      return started().server.url;
    },
    async query(query, variables, claims) {
      return (await post(query, variables, await sign(claims))).body;
    },
    rawQuery: (query, token) => post(query, undefined, token),
    sign,
  };
}
