import type { ApprovalApplication, World } from '@govgraph/datagen';
import type { Engine } from '@govgraph/department/db';
import { type DepartmentHarness, type GraphQLResponse, useDepartment } from '@govgraph/testing';
import type { ApprovalsDB } from '../src/db/schema.js';
import { seedableDepartment as department } from '../src/seed.js';

export type { GraphQLResponse } from '@govgraph/testing';
export type ApprovalsHarness = DepartmentHarness<ApprovalsDB>;

/** The approvals department for one test file: see `useDepartment`. */
export const useApprovals = (engine: Engine, world: World): ApprovalsHarness =>
  useDepartment(department, engine, world);

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

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first, as Person.applications and LegalEntity.applications list them. */
export const newestFirst = (a: ApprovalApplication, b: ApprovalApplication): number =>
  byCodePoint(b.submittedAt, a.submittedAt) || byCodePoint(b.id, a.id);

/** The `_entities` list of a response (empty when the response has none). */
export const entitiesOf = <T>(res: GraphQLResponse): T[] => (res.data?._entities ?? []) as T[];
