import {
  type Complaint,
  complaintsOfCompany,
  complaintsOfPerson,
  type World,
} from '@govgraph/datagen';
import type { Database, Engine } from '@govgraph/schema/db';
import { createLogger, type Listening } from '@govgraph/schema/runtime';
import { createTestDatabase, type TestDatabase } from '@govgraph/schema/testing';
import { afterAll, beforeAll } from 'vitest';
import type { ComplaintsDB } from '../src/db/schema.js';
import { department } from '../src/index.js';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface ComplaintsHarness {
  /** The seeded database (valid inside tests, after beforeAll). */
  readonly database: Database<ComplaintsDB>;
  query(q: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
}

/**
 * A real citizen hotline for one test file: a fresh database of the engine, seeded from the
 * world, behind the production server factory on a free port.
 */
export function useComplaints(engine: Engine, world: World): ComplaintsHarness {
  let testDb: TestDatabase | undefined;
  let database: Database<ComplaintsDB> | undefined;
  let server: Listening | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, 'complaints');
    database = await department.openDatabase(testDb.options);
    await department.seed(database, world);
    server = await department
      .createServer({ database, logger: createLogger('complaints', 'silent') })
      .listen(0);
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
    await testDb?.drop();
  });

  return {
    get database() {
      if (!database) throw new Error('the complaints database is opened in beforeAll');
      return database;
    },
    async query(q, variables) {
      if (!server) throw new Error('the complaints server is started in beforeAll');
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
  };
}

/** The fields of a complaint as the GraphQL API returns them. */
export const COMPLAINT_FIELDS = `id filedAt complainant { nationalId } against { creditCode }
  category description status handlingDepartment resolution resolvedAt`;

/** A generated complaint as the API must return it (COMPLAINT_FIELDS). */
export function expectedComplaint(world: World, c: Complaint) {
  return {
    id: c.id,
    filedAt: c.filedAt,
    complainant: { nationalId: world.person(c.complainantIndex).nationalId },
    against: { creditCode: world.company(c.companyIndex).creditCode },
    category: c.category,
    description: c.description,
    status: c.status,
    handlingDepartment: c.handlingDepartment,
    resolution: c.resolution,
    resolvedAt: c.resolvedAt,
  };
}

/** Every complaint of the world, person by person. */
export function allComplaints(world: World): Complaint[] {
  const all: Complaint[] = [];
  for (let i = 0; i < world.peopleCount; i++) all.push(...complaintsOfPerson(world, i));
  return all;
}

/** Companies by number of complaints against them, most first (then by index). */
export function companiesByComplaints(world: World): { index: number; complaints: Complaint[] }[] {
  return Array.from({ length: world.companyCount }, (_, j) => ({
    index: j,
    complaints: complaintsOfCompany(world, j),
  })).sort((a, b) => b.complaints.length - a.complaints.length || a.index - b.index);
}

/** A top-level field of a response's data; fails the test, showing the response, when missing. */
export function dataField<T>(res: GraphQLResponse, name: string): T {
  const value = res.data?.[name];
  if (value === undefined) throw new Error(`no ${name} in ${JSON.stringify(res)}`);
  return value as T;
}
