import {
  type ApprovalApplication,
  companyApplications,
  createWorld,
  personApplications,
  type World,
} from '@govgraph/datagen';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_FIELDS,
  entitiesOf,
  expectedApplication,
  newestFirst,
  useApprovals,
} from './approvalsHarness.js';

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const world: World = createWorld({ seed: 7, people: 10_000 });
const byCompany = Array.from({ length: world.companyCount }, (_, j) =>
  companyApplications(world, j),
);
const byPerson = Array.from({ length: world.peopleCount }, (_, i) => personApplications(world, i));
const all = [...byCompany.flat(), ...byPerson.flat()];

function find(test: (a: ApprovalApplication) => boolean): ApprovalApplication {
  const found = all.find(test);
  if (!found) throw new Error('the test world has no such application; pick another seed');
  return found;
}
const companyWith = (n: number) => {
  const j = byCompany.findIndex((apps) => apps.length >= n);
  if (j < 0) throw new Error(`no company of the test world has ${n} applications`);
  return j;
};

describe.each(ENGINES)('the approval platform on %s, read', (engine) => {
  const platform = useApprovals(engine, world);
  const query = platform.query;

  it('seeds every application and review the generator made', async () => {
    const { db } = platform.database;
    const apps = await db.selectFrom('application').select('id').execute();
    const reviews = await db.selectFrom('review').select('department').execute();
    expect(apps.length).toBe(all.length);
    expect(reviews.length).toBe(all.reduce((n, a) => n + a.reviews.length, 0));
  });

  it.each([
    [
      'an approved company application',
      (a: ApprovalApplication) => a.status === 'APPROVED' && a.applicant.type === 'LEGAL_ENTITY',
    ],
    [
      'a rejected application with closed reviews',
      (a: ApprovalApplication) =>
        a.status === 'REJECTED' && a.reviews.some((r) => r.status === 'PENDING'),
    ],
    ['a pending application', (a: ApprovalApplication) => a.status === 'PENDING'],
    [
      "a person's application without a site",
      (a: ApprovalApplication) => a.applicant.type === 'PERSON' && a.siteBuildingId === null,
    ],
  ])('returns %s exactly as the generator made it', async (_name, test) => {
    const a = find(test);
    const res = await query(`query($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`, {
      id: a.id,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.application).toEqual(expectedApplication(a));
  });

  it('answers null for an unknown platform number', async () => {
    const res = await query('{ application(id: "SP20990101-C0-1") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.application).toBeNull();
  });

  it("lists a company's applications newest first, page after page by endCursor", async () => {
    const j = companyWith(3);
    const expected = [...(byCompany[j] ?? [])].sort(newestFirst).map(expectedApplication);
    const rep = { __typename: 'LegalEntity', creditCode: world.company(j).creditCode };
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page < expected.length; page++) {
      const res = await query(
        `query($r: [_Any!]!, $after: String) { _entities(representations: $r) {
          ... on LegalEntity { applications(first: 1, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { ${APPLICATION_FIELDS} } } }
        } }`,
        { r: [rep], after },
      );
      expect(res.errors).toBeUndefined();
      const conn = entitiesOf<{ applications: Page<unknown> }>(res)[0]?.applications;
      expect(conn?.totalCount).toBe(expected.length);
      expect(conn?.pageInfo.hasNextPage).toBe(page < expected.length - 1);
      seen.push(...(conn?.nodes ?? []));
      after = conn?.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(expected);
  });

  it("lists a person's applications, and none for people and companies that filed nothing", async () => {
    const i = byPerson.findIndex((apps) => apps.length > 0);
    const quiet = byPerson.findIndex((apps) => apps.length === 0);
    const quietCompany = byCompany.findIndex((apps) => apps.length === 0);
    const res = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Person { nationalId applications { totalCount pageInfo { hasNextPage endCursor } nodes { id applicant { ... on Person { nationalId } } } } }
        ... on LegalEntity { creditCode applications { totalCount nodes { id } } }
      } }`,
      {
        r: [
          { __typename: 'Person', nationalId: world.person(i).nationalId },
          { __typename: 'Person', nationalId: world.person(quiet).nationalId },
          { __typename: 'LegalEntity', creditCode: world.company(quietCompany).creditCode },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    const mine = byPerson[i] ?? [];
    expect(res.data?._entities).toEqual([
      {
        nationalId: world.person(i).nationalId,
        applications: {
          totalCount: mine.length,
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          nodes: mine.map((a) => ({
            id: a.id,
            applicant: { nationalId: world.person(i).nationalId },
          })),
        },
      },
      {
        nationalId: world.person(quiet).nationalId,
        applications: {
          totalCount: 0,
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: [],
        },
      },
      {
        creditCode: world.company(quietCompany).creditCode,
        applications: { totalCount: 0, nodes: [] },
      },
    ]);
  });

  it('refuses a page of 101 and a cursor from elsewhere with INVALID_ARGUMENT', async () => {
    const rep = { __typename: 'LegalEntity', creditCode: world.company(companyWith(1)).creditCode };
    const big = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LegalEntity { applications(first: 101) { totalCount } } } }`,
      { r: [rep] },
    );
    expect(big.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(big.errors?.[0]?.message).toContain('LegalEntity.applications(first: 101)');
    expect(big.errors?.[0]?.message).toContain('1 to 100');
    const bad = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LegalEntity { applications(after: "nonsense") { totalCount } } } }`,
      { r: [rep] },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(bad.errors?.[0]?.extensions?.argument).toBe('after');
  });

  it('resolves Application references for the gateway, null for unknown numbers', async () => {
    const a = find((x) => x.status === 'REJECTED');
    const res = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { ${APPLICATION_FIELDS} } } }`,
      {
        r: [
          { __typename: 'Application', id: a.id },
          { __typename: 'Application', id: 'SP20990101-C0-1' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([expectedApplication(a), null]);
  });

  it.each([
    ['companies', 'LegalEntity'],
    ['people', 'Person'],
  ] as const)('uses as many SQL statements for 100 %s as for 2', async (_name, typename) => {
    // Applicants first, so that even the small run loads pages and reviews.
    const lists = typename === 'LegalEntity' ? byCompany : byPerson;
    const order = lists.map((apps, k) => ({ k, n: apps.length })).sort((a, b) => b.n - a.n);
    const keyOf = (k: number) =>
      typename === 'LegalEntity'
        ? { __typename: typename, creditCode: world.company(k).creditCode }
        : { __typename: typename, nationalId: world.person(k).nationalId };
    const run = async (n: number) => {
      platform.database.statements.reset();
      const res = await query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} {
          applications(first: 5) { totalCount nodes { id status reviews { department status } } }
        } } }`,
        { r: order.slice(0, n).map(({ k }) => keyOf(k)) },
      );
      expect(res.errors).toBeUndefined();
      const pages = entitiesOf<{ applications: { totalCount: number } }>(res);
      expect(pages.map((p) => p.applications.totalCount)).toEqual(
        order.slice(0, n).map(({ n: count }) => count),
      );
      return platform.database.statements.total;
    };
    const small = await run(2);
    expect(await run(100)).toBe(small);
    // One page statement and one for the reviews of every application on every page.
    expect(small).toBe(2);
  });

  it('uses as many SQL statements for 100 application references as for 2', async () => {
    const ids = all.map((a) => a.id);
    const run = async (n: number) => {
      platform.database.statements.reset();
      const res = await query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id reviews { status } } } }`,
        { r: ids.slice(0, n).map((id) => ({ __typename: 'Application', id })) },
      );
      expect(res.errors).toBeUndefined();
      return platform.database.statements.total;
    };
    const small = await run(2);
    expect(await run(100)).toBe(small);
    expect(small).toBe(2);
  });
});
