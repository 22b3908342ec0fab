import {
  type Complaint,
  complaintsOfCompany,
  complaintsOfPerson,
  createWorld,
  type World,
} from '@govgraph/datagen';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import {
  allComplaints,
  COMPLAINT_FIELDS,
  companiesByComplaints,
  dataField,
  expectedComplaint,
  useComplaints,
} from './complaintsHarness.js';

const world: World = createWorld({ seed: 7, people: 8_000 });
const complaints = allComplaints(world);
const busiest = companiesByComplaints(world);
const filers = [...Array(world.peopleCount).keys()].filter(
  (i) => complaintsOfPerson(world, i).length > 0,
);
const quiet = [...Array(world.peopleCount).keys()].filter(
  (i) => complaintsOfPerson(world, i).length === 0,
);

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string }[];
}

const personRef = (i: number) => ({ __typename: 'Person', nationalId: world.person(i).nationalId });
const entityRef = (j: number) => ({
  __typename: 'LegalEntity',
  creditCode: world.company(j).creditCode,
});

describe.each(ENGINES)('complaints on %s', (engine) => {
  const hotline = useComplaints(engine, world);

  const entities = async <T>(
    representations: unknown[],
    selection: string,
    variables: Record<string, unknown> = {},
  ): Promise<T[]> => {
    const declared = Object.keys(variables)
      .map((name) => `, $${name}: ${name === 'status' ? 'ComplaintStatus' : 'String'}`)
      .join('');
    const res = await hotline.query(
      `query($r: [_Any!]!${declared}) { _entities(representations: $r) { ${selection} } }`,
      { r: representations, ...variables },
    );
    expect(res.errors).toBeUndefined();
    return res.data?._entities as T[];
  };

  it('returns a complaint by ticket number exactly as the generator made it', async () => {
    const sample = [complaints[0], complaints[complaints.length - 1]].filter(
      (c): c is Complaint => c !== undefined,
    );
    const closed = complaints.find((c) => c.status === 'REJECTED');
    const open = complaints.find((c) => c.status === 'IN_PROGRESS');
    for (const c of [...sample, closed, open]) {
      if (!c) throw new Error('the test world lacks a kind of complaint');
      const res = await hotline.query(
        `query($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`,
        {
          id: c.id,
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.complaint).toEqual(expectedComplaint(world, c));
    }
  });

  it('returns null for a ticket number it does not hold', async () => {
    const res = await hotline.query('{ complaint(id: "12345-2019-000001") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.complaint).toBeNull();
  });

  it('lists the complaints a person filed, newest first, and none for others', async () => {
    const people = [...filers.slice(0, 30), ...quiet.slice(0, 3)];
    const answer = await entities<{ nationalId: string; complaintsFiled: Page }>(
      people.map(personRef),
      `... on Person { nationalId complaintsFiled { totalCount pageInfo { hasNextPage endCursor }
        nodes { ${COMPLAINT_FIELDS} } } }`,
    );
    expect(answer).toEqual(
      people.map((i) => {
        const own = complaintsOfPerson(world, i);
        return {
          nationalId: world.person(i).nationalId,
          complaintsFiled: {
            totalCount: own.length,
            pageInfo: {
              hasNextPage: false,
              endCursor: own.length > 0 ? expect.any(String) : null,
            },
            nodes: own.map((c) => expectedComplaint(world, c)),
          },
        };
      }),
    );
  });

  it('lists the complaints against an entity, newest first, for every entity of a batch', async () => {
    const companies = [...busiest.slice(0, 20), ...busiest.slice(-3)].map((c) => c.index);
    const answer = await entities<{ creditCode: string; complaints: Page }>(
      companies.map(entityRef),
      `... on LegalEntity { creditCode complaints(first: 100) { totalCount nodes { ${COMPLAINT_FIELDS} } } }`,
    );
    expect(answer).toEqual(
      companies.map((j) => {
        const against = complaintsOfCompany(world, j);
        return {
          creditCode: world.company(j).creditCode,
          complaints: {
            totalCount: against.length,
            nodes: against.map((c) => expectedComplaint(world, c)),
          },
        };
      }),
    );
    expect(answer[0]?.complaints.totalCount).toBeGreaterThanOrEqual(3);
    expect(answer[answer.length - 1]?.complaints.totalCount).toBe(0);
  });

  it('filters an entity’s complaints by status', async () => {
    const companies = busiest.slice(0, 40).map((c) => c.index);
    for (const status of ['RESOLVED', 'REJECTED', 'IN_PROGRESS', 'RECEIVED'] as const) {
      const answer = await entities<{ complaints: Page }>(
        companies.map(entityRef),
        '... on LegalEntity { complaints(status: $status) { totalCount nodes { id } } }',
        { status },
      );
      expect(answer).toEqual(
        companies.map((j) => {
          const matching = complaintsOfCompany(world, j).filter((c) => c.status === status);
          return {
            complaints: { totalCount: matching.length, nodes: matching.map((c) => ({ id: c.id })) },
          };
        }),
      );
    }
  });

  it('pages through an entity’s complaints by following endCursor', async () => {
    const top = busiest[0];
    if (!top) throw new Error('the test world has no company');
    const seen: string[] = [];
    let after: string | null = null;
    for (let n = 0; n < 10; n++) {
      const [page]: { complaints: Page }[] = await entities<{ complaints: Page }>(
        [entityRef(top.index)],
        '... on LegalEntity { complaints(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }',
        { after },
      );
      const complaintsPage: Page | undefined = page?.complaints;
      expect(complaintsPage?.totalCount).toBe(top.complaints.length);
      seen.push(...(complaintsPage?.nodes.map((c) => c.id) ?? []));
      if (!complaintsPage?.pageInfo.hasNextPage) break;
      after = complaintsPage.pageInfo.endCursor;
    }
    expect(seen).toEqual(top.complaints.map((c) => c.id));
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('pages through a person’s complaints by following endCursor', async () => {
    const i = filers.find((p) => complaintsOfPerson(world, p).length === 2);
    if (i === undefined) throw new Error('the test world has nobody with two complaints');
    const query = `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Person {
      complaintsFiled(first: 1, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const first = await hotline.query(query, { r: [personRef(i)] });
    const firstPage = dataField<{ complaintsFiled: Page }[]>(first, '_entities')[0]
      ?.complaintsFiled;
    expect(firstPage?.pageInfo.hasNextPage).toBe(true);
    const second = await hotline.query(query, {
      r: [personRef(i)],
      after: firstPage?.pageInfo.endCursor,
    });
    const secondPage = dataField<{ complaintsFiled: Page }[]>(second, '_entities')[0]
      ?.complaintsFiled;
    expect(secondPage?.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    expect([...(firstPage?.nodes ?? []), ...(secondPage?.nodes ?? [])]).toEqual(
      complaintsOfPerson(world, i).map((c) => ({ id: c.id })),
    );
  });

  it('refuses a page of 101 and a cursor from elsewhere with INVALID_ARGUMENT', async () => {
    const tooMany = await hotline.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { complaints(first: 101) { totalCount } } } }',
      { r: [entityRef(0)] },
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(tooMany.errors?.[0]?.message).toContain('complaints(first: 101) is out of range');
    const badCursor = await hotline.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { complaintsFiled(after: "nonsense") { totalCount } } } }',
      { r: [personRef(0)] },
    );
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(badCursor.errors?.[0]?.message).toContain('complaintsFiled(after: "nonsense")');
  });

  it('refuses an entity reference with a wrong credit-code check character', async () => {
    const res = await hotline.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { creditCode } } }',
      { r: [{ __typename: 'LegalEntity', creditCode: '91350100M000100Y44' }] },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
  });

  it('uses as many SQL statements for 100 people and 100 entities as for 2', async () => {
    const q = `query($p: [_Any!]!, $e: [_Any!]!) {
      people: _entities(representations: $p) { ... on Person {
        complaintsFiled { totalCount nodes { id against { creditCode } } } } }
      entities: _entities(representations: $e) { ... on LegalEntity {
        complaints { totalCount nodes { id complainant { nationalId } } }
        resolved: complaints(status: RESOLVED) { totalCount } } }
    }`;
    const run = async (n: number) => {
      hotline.database.statements.reset();
      const res = await hotline.query(q, {
        p: filers.slice(0, n).map(personRef),
        e: busiest.slice(0, n).map((c) => entityRef(c.index)),
      });
      expect(res.errors).toBeUndefined();
      expect(dataField<unknown[]>(res, 'people').length).toBe(n);
      expect(dataField<unknown[]>(res, 'entities').length).toBe(n);
      return hotline.database.statements.total;
    };
    const small = await run(2);
    const large = await run(100);
    expect(large).toBe(small);
    expect(small).toBe(3);
  });

  it('seeds about one complaint per 40 people', async () => {
    const { count } = await hotline.database.db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(complaints.length);
    expect(complaints.length).toBeGreaterThan(world.peopleCount / 50);
    expect(complaints.length).toBeLessThan(world.peopleCount / 32);
  });
});
