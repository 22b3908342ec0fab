import type { ApprovalApplication, World } from '@govgraph/datagen';
import type { Database, Engine } from '@govgraph/schema/db';
import { createLogger, type Listening } from '@govgraph/schema/runtime';
import { createTestDatabase, type TestDatabase } from '@govgraph/schema/testing';
import { afterAll, beforeAll } from 'vitest';
import type { ApprovalsDB } from '../src/db/schema.js';
import { department } from '../src/index.js';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface ApprovalsHarness {
  /** The seeded database (valid inside tests, after beforeAll). */
  readonly database: Database<ApprovalsDB>;
  query(q: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
}

/**
 * A real approval platform for one test file: a fresh database of the engine, seeded from the
 * world, behind the production server factory on a free port.
 */
export function useApprovals(engine: Engine, world: World): ApprovalsHarness {
  let testDb: TestDatabase | undefined;
  let database: Database<ApprovalsDB> | undefined;
  let server: Listening | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine, 'approvals');
    database = await department.openDatabase(testDb.options);
    await department.seed(database, world);
    server = await department
      .createServer({ database, logger: createLogger('approvals', 'silent') })
      .listen(0);
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
    await testDb?.drop();
  });

  return {
    get database() {
      if (!database) throw new Error('the approvals database is opened in beforeAll');
      return database;
    },
    async query(q, variables) {
      if (!server) throw new Error('the approvals server is started in beforeAll');
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
  };
}

/** Every field of an application, as the tests select it. */
export const APPLICATION_FIELDS = `
  id kind status submittedAt decidedAt
  applicant { __typename ... on Person { nationalId } ... on LegalEntity { creditCode } }
  site { buildingId }
  reviews { department status decidedAt comment reviewerId }`;

/** An application as the platform should publish it, from the generator. */
export function expectedApplication(a: ApprovalApplication) {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    submittedAt: a.submittedAt,
    decidedAt: a.decidedAt,
    applicant:
      a.applicant.type === 'PERSON'
        ? { __typename: 'Person', nationalId: a.applicant.nationalId }
        : { __typename: 'LegalEntity', creditCode: a.applicant.creditCode },
    site: a.siteBuildingId === null ? null : { buildingId: a.siteBuildingId },
    reviews: a.reviews.map((r) => ({
      department: r.department,
      status: r.status,
      decidedAt: r.decidedAt,
      comment: r.comment,
      reviewerId: r.reviewerId,
    })),
  };
}

/** Newest first, as Person.applications and LegalEntity.applications list them. */
export const newestFirst = (a: ApprovalApplication, b: ApprovalApplication): number =>
  a.submittedAt !== b.submittedAt
    ? a.submittedAt < b.submittedAt
      ? 1
      : -1
    : a.id < b.id
      ? 1
      : a.id > b.id
        ? -1
        : 0;

/** The `_entities` list of a response (empty when the response has none). */
export const entitiesOf = <T>(res: GraphQLResponse): T[] => (res.data?._entities ?? []) as T[];
