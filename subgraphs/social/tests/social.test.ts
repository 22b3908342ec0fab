import {
  createWorld,
  employeesOf,
  type SocialRecord,
  socialRecordOf,
  type World,
} from '@govgraph/datagen';
import { ENGINES, useDepartment } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { seedableDepartment as department } from '../src/seed.js';

const world: World = createWorld({ seed: 7, people: 400 });
const records = [...world.persons()].map((p) => socialRecordOf(world, p.index, p));
/** The first person whose record matches, by index. */
const personWhere = (test: (r: SocialRecord | null) => boolean): number => {
  const i = records.findIndex(test);
  if (i < 0) throw new Error('the test world has no such person; pick another seed');
  return i;
};
const creditCode = (j: number | null) => (j === null ? null : world.company(j).creditCode);
/** A contribution as the API returns it, from the generator's record. */
const expectedContributions = (r: SocialRecord | null) =>
  (r?.contributions ?? []).map((c) => ({
    period: c.period,
    employer: c.employerIndex === null ? null : { creditCode: creditCode(c.employerIndex) },
    contributionBase: c.contributionBase,
    amount: c.amount,
  }));

const PERSON = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  nationalId
  socialInsurance {
    pensionStatus insuredSince monthlyPension
    contributions(first: 100) {
      totalCount pageInfo { hasNextPage }
      nodes { period employer { creditCode } contributionBase amount }
    }
  }
  employment { employer { creditCode } since position }
} } }`;

describe.each(ENGINES)('social insurance on %s', (engine) => {
  const harness = useDepartment(department, engine, world);
  const { query } = harness;
  const person = async (i: number) => {
    const r = [{ __typename: 'Person', nationalId: world.person(i).nationalId }];
    const res = await query(PERSON, { r });
    expect(res.errors).toBeUndefined();
    return (res.data?._entities as unknown[] | undefined)?.[0];
  };
  const contributionsPage = (i: number, first: number, after?: string | null) =>
    query(
      `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) {
        ... on Person { socialInsurance { contributions(first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { period }
        } } }
      } }`,
      { r: [{ __typename: 'Person', nationalId: world.person(i).nationalId }], first, after },
    );

  it("returns an employee's insurance, job and contributions exactly as the generator made them", async () => {
    // An employee who changed jobs inside the window, so two employers appear.
    const i = personWhere(
      (r) =>
        r?.employment != null &&
        r.contributions.some((c) => c.employerIndex !== r.employment?.employerIndex),
    );
    const r = records[i] as SocialRecord;
    expect(await person(i)).toEqual({
      nationalId: world.person(i).nationalId,
      socialInsurance: {
        pensionStatus: 'CONTRIBUTING',
        insuredSince: r.insuredSince,
        monthlyPension: null,
        contributions: {
          totalCount: r.contributions.length,
          pageInfo: { hasNextPage: false },
          nodes: expectedContributions(r),
        },
      },
      employment: {
        employer: { creditCode: creditCode(r.employment?.employerIndex ?? null) },
        since: r.employment?.since,
        position: r.employment?.position,
      },
    });
  });

  it('pays a pensioner the generated pension and lists no job', async () => {
    const i = personWhere((r) => r?.pensionStatus === 'RECEIVING_PENSION');
    const r = records[i] as SocialRecord;
    expect(await person(i)).toMatchObject({
      socialInsurance: {
        pensionStatus: 'RECEIVING_PENSION',
        insuredSince: r.insuredSince,
        monthlyPension: r.monthlyPension,
        contributions: { totalCount: r.contributions.length, nodes: expectedContributions(r) },
      },
      employment: null,
    });
  });

  it('shows a flexibly employed person paying 20% alone, with no employer', async () => {
    const i = personWhere((r) => r?.pensionStatus === 'CONTRIBUTING' && r.employment === null);
    const r = records[i] as SocialRecord;
    const got = (await person(i)) as {
      socialInsurance: { contributions: { nodes: { employer: unknown; amount: string }[] } };
    };
    expect(got.socialInsurance.contributions.nodes).toEqual(expectedContributions(r));
    expect(got.socialInsurance.contributions.nodes.every((c) => c.employer === null)).toBe(true);
    expect(r.contributions[0]?.amount).toBe(
      (Number(r.contributions[0]?.contributionBase) * 0.2).toFixed(2),
    );
  });

  it('keeps a record without contributions for people outside the scheme', async () => {
    const i = personWhere((r) => r?.pensionStatus === 'NOT_INSURED');
    expect(await person(i)).toMatchObject({
      socialInsurance: {
        pensionStatus: 'NOT_INSURED',
        insuredSince: null,
        monthlyPension: null,
        contributions: { totalCount: 0, nodes: [] },
      },
      employment: null,
    });
    const suspended = personWhere((r) => r?.pensionStatus === 'SUSPENDED');
    expect(await person(suspended)).toMatchObject({
      socialInsurance: {
        pensionStatus: 'SUSPENDED',
        insuredSince: records[suspended]?.insuredSince,
        contributions: { nodes: expectedContributions(records[suspended] ?? null) },
      },
    });
  });

  it('returns null insurance and employment for a child, and for an ID it never heard of', async () => {
    const child = personWhere((r) => r === null);
    expect(await person(child)).toEqual({
      nationalId: world.person(child).nationalId,
      socialInsurance: null,
      employment: null,
    });
    const res = await query(PERSON, {
      r: [{ __typename: 'Person', nationalId: '11010519491231002X' }],
    });
    expect(res.data?._entities).toEqual([
      { nationalId: '11010519491231002X', socialInsurance: null, employment: null },
    ]);
  });

  it('counts insured employees of every company as the generator assigns them', async () => {
    const reps = [...world.companies()].map((c) => ({
      __typename: 'LegalEntity',
      creditCode: c.creditCode,
    }));
    reps.push({ __typename: 'LegalEntity', creditCode: '91350100M000100Y43' });
    const res = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LegalEntity { creditCode insuredEmployees }
      } }`,
      { r: reps },
    );
    expect(res.errors).toBeUndefined();
    const expected: { creditCode: string; insuredEmployees: number | null }[] = [
      ...world.companies(),
    ].map((c) => ({
      creditCode: c.creditCode,
      insuredEmployees: employeesOf(world, c.index).length,
    }));
    expected.push({ creditCode: '91350100M000100Y43', insuredEmployees: null });
    expect(res.data?._entities).toEqual(expected);
    // Some companies employ people and every inactive one employs nobody.
    expect(expected.some((e) => (e.insuredEmployees ?? 0) > 3)).toBe(true);
    const inactive = [...world.companies()].filter((c) => c.status !== 'ACTIVE');
    expect(inactive.every((c) => expected[c.index]?.insuredEmployees === 0)).toBe(true);
  });

  it("links an employee's employer to the company whose staff count includes them", async () => {
    const i = personWhere((r) => r?.employment != null);
    const j = records[i]?.employment?.employerIndex ?? -1;
    const res = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Person { employment { employer { creditCode insuredEmployees } } }
      } }`,
      { r: [{ __typename: 'Person', nationalId: world.person(i).nationalId }] },
    );
    expect(employeesOf(world, j)).toContain(i);
    expect(res.data?._entities).toEqual([
      {
        employment: {
          employer: { creditCode: creditCode(j), insuredEmployees: employeesOf(world, j).length },
        },
      },
    ]);
  });

  it('pages through contributions newest first by following endCursor', async () => {
    const i = personWhere((r) => r?.contributions.length === 24);
    const periods: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    for (let hasNext = true; hasNext; ) {
      const res = await contributionsPage(i, 10, after);
      expect(res.errors).toBeUndefined();
      const [entity] = (res.data?._entities ?? []) as {
        socialInsurance: {
          contributions: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            nodes: { period: string }[];
          };
        };
      }[];
      const page = entity?.socialInsurance.contributions ?? {
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [],
      };
      expect(page.totalCount).toBe(24);
      periods.push(...page.nodes.map((n) => n.period));
      sizes.push(page.nodes.length);
      hasNext = page.pageInfo.hasNextPage;
      after = page.pageInfo.endCursor;
    }
    expect(sizes).toEqual([10, 10, 4]);
    expect(periods).toEqual(records[i]?.contributions.map((c) => c.period));
  });

  it('refuses a page of 101 or 0 and a cursor from elsewhere with INVALID_ARGUMENT', async () => {
    const i = personWhere((r) => r?.contributions.length === 24);
    for (const first of [101, 0]) {
      const res = await contributionsPage(i, first);
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
      expect(res.errors?.[0]?.message).toContain('SocialInsurance.contributions');
      expect(res.errors?.[0]?.message).toContain('1 to 100');
    }
    const res = await contributionsPage(i, 10, 'not-a-cursor');
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(res.errors?.[0]?.message).toContain('pageInfo.endCursor');
  });

  it('uses as many SQL statements for 100 people as for 2', async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
      socialInsurance { pensionStatus monthlyPension contributions(first: 3) {
        totalCount nodes { period amount employer { creditCode insuredEmployees } }
      } }
      employment { since position employer { creditCode } }
    } } }`;
    // Two employees with contributions reach every loader; the hundred mix every kind of record.
    // (insuredEmployees is asked on one path only: asked at two depths it is one batch per depth.)
    const employees = records.flatMap((r, i) => (r?.employment ? [i] : [])).slice(0, 2);
    const order = [...employees, ...[...records.keys()].filter((i) => !employees.includes(i))];
    const run = async (n: number) => {
      const r = order
        .slice(0, n)
        .map((i) => ({ __typename: 'Person', nationalId: world.person(i).nationalId }));
      harness.database.statements.reset();
      const res = await query(q, { r });
      expect(res.errors).toBeUndefined();
      expect((res.data?._entities as unknown[] | undefined)?.length).toBe(n);
      return harness.database.statements.total;
    };
    const small = await run(2);
    const large = await run(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(5);
  });

  it('reseeds in place and knows it is seeded', async () => {
    expect(await department.isSeeded(harness.database)).toBe(true);
    const count = async () =>
      Number(
        (
          await harness.database.db
            .selectFrom('contribution')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await department.seed(harness.database, world);
    expect(await count()).toBe(before);
    expect(before).toBe(records.reduce((sum, r) => sum + (r?.contributions.length ?? 0), 0));
  });
});
