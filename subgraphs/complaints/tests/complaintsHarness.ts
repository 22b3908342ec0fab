import {
  type Complaint,
  complaintsOfCompany,
  complaintsOfPerson,
  type World,
} from '@govgraph/datagen';
import type { Engine } from '@govgraph/department/db';
import { type DepartmentHarness, type GraphQLResponse, useDepartment } from '@govgraph/testing';
import type { ComplaintsDB } from '../src/db/schema.js';
import { seedableDepartment as department } from '../src/seed.js';

export type { GraphQLResponse } from '@govgraph/testing';
export type ComplaintsHarness = DepartmentHarness<ComplaintsDB>;

/** The complaints department for one test file: see `useDepartment`. */
export const useComplaints = (engine: Engine, world: World): ComplaintsHarness =>
  useDepartment(department, engine, world);

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
