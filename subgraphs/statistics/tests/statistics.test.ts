import { computeIndicators, createWorld } from '@govgraph/datagen';
import { ENGINES, useDepartment } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { seedableDepartment as department } from '../src/seed.js';

const world = createWorld({ seed: 5, people: 4_000 });

// Counted here from the world, independently of the generator's computeIndicators.
const tally = (keys: Iterable<string>) => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};
const alive = [...world.persons()].filter((p) => p.status === 'ALIVE');
const population = tally(alive.map((p) => p.household.divisionCode));
const males = tally(alive.filter((p) => p.gender === 'MALE').map((p) => p.household.divisionCode));
const females = tally(
  alive.filter((p) => p.gender === 'FEMALE').map((p) => p.household.divisionCode),
);
const companies = [...world.companies()];
const activeEnterprises = tally(
  companies.filter((c) => c.status === 'ACTIVE').map((c) => c.divisionCode),
);
const founded2024 = tally(
  companies.filter((c) => c.established.startsWith('2024')).map((c) => c.divisionCode),
);
const busiestCounty = [...population.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
const byCounty = (counts: Map<string, number>) =>
  [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([, n]) => n);

// What the generator published, as observation rows in the order the bureau lists them.
const published = new Map(
  computeIndicators(world).map((indicator) => [
    indicator.code,
    [...indicator.values]
      .flatMap(([period, counts]) =>
        [...counts].map(([divisionCode, value]) => ({ period, divisionCode, value })),
      )
      .sort(
        (a, b) => b.period.localeCompare(a.period) || a.divisionCode.localeCompare(b.divisionCode),
      ),
  ]),
);

interface Observation {
  period: string;
  divisionCode: string;
  value: number;
}
interface Observations {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Observation[];
}

describe.each(ENGINES)('statistics bureau on %s', (engine) => {
  const harness = useDepartment(department, engine, world);
  const { query } = harness;

  const observations = async (code: string, args: string): Promise<Observations> => {
    const res = await query(`{ indicator(code: "${code}") { observations(${args}) {
      totalCount pageInfo { hasNextPage endCursor } nodes { period divisionCode value }
    } } }`);
    expect(res.errors).toBeUndefined();
    const indicator = res.data?.indicator as { observations: Observations } | null | undefined;
    if (!indicator) throw new Error(`indicator ${code} is not published`);
    return indicator.observations;
  };
  // Every observation of an indicator, following endCursor page by page.
  const allObservations = async (code: string, first: number) => {
    const seen: Observation[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Observations = await observations(
        code,
        `first: ${first}${after ? `, after: "${after}"` : ''}`,
      );
      seen.push(...page.nodes);
      expect(page.totalCount).toBe(published.get(code)?.length);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    return { seen, pages };
  };
  const errorOf = async (q: string) => {
    const res = await query(q);
    expect(res.data?.indicator ?? res.data?.indicators ?? null).toBeNull();
    return res.errors?.[0];
  };

  it('publishes registered population by county, counted from the population register', async () => {
    const res = await query(`{ indicator(code: "POP_REGISTERED") {
      code name unit frequency sourceDepartment releaseDate latestPeriod total
    } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.indicator).toEqual({
      code: 'POP_REGISTERED',
      name: 'Registered resident population',
      unit: 'persons',
      frequency: 'YEARLY',
      sourceDepartment: 'population',
      releaseDate: '2026-03-15',
      latestPeriod: '2025',
      total: alive.length,
    });
    const all = await allObservations('POP_REGISTERED', 100);
    expect(all.seen.map((n) => n.value)).toEqual(byCounty(population));
    const busiest = await observations('POP_REGISTERED', `divisionCode: "${busiestCounty}"`);
    expect(busiest.nodes).toEqual([
      { period: '2025', divisionCode: busiestCounty, value: population.get(busiestCounty) },
    ]);
  });

  it('publishes the registered population by sex, county by county', async () => {
    const men = await allObservations('POP_MALE', 100);
    expect(men.seen.map((n) => n.value)).toEqual(byCounty(males));
    const women = await allObservations('POP_FEMALE', 100);
    expect(women.seen.map((n) => n.value)).toEqual(byCounty(females));
    const res = await query(
      '{ male: indicator(code: "POP_MALE") { total } female: indicator(code: "POP_FEMALE") { total } }',
    );
    expect(res.data).toEqual({
      male: { total: alive.filter((p) => p.gender === 'MALE').length },
      female: { total: alive.filter((p) => p.gender === 'FEMALE').length },
    });
  });

  it('publishes active and newly established enterprises from the business register', async () => {
    const res = await query(
      '{ indicator(code: "ENT_ACTIVE") { total latestPeriod sourceDepartment unit } }',
    );
    expect(res.data?.indicator).toEqual({
      total: [...activeEnterprises.values()].reduce((a, b) => a + b, 0),
      latestPeriod: '2025',
      sourceDepartment: 'market',
      unit: 'entities',
    });
    const active = await allObservations('ENT_ACTIVE', 100);
    expect(active.seen.map((n) => n.value)).toEqual(byCounty(activeEnterprises));
    const newIn2024 = await observations('ENT_NEW', 'period: "2024", first: 100');
    expect(newIn2024.totalCount).toBe(founded2024.size);
    expect(newIn2024.nodes.map((n) => n.value)).toEqual(byCounty(founded2024).slice(0, 100));
  });

  it('serves every observation of every indicator exactly as the generator computed it', async () => {
    const res = await query('{ indicators(first: 100) { nodes { code } } }');
    const list = res.data?.indicators as { nodes: { code: string }[] } | undefined;
    const codes = list?.nodes.map((n) => n.code) ?? [];
    expect(codes).toEqual([...published.keys()].sort());
    for (const code of codes) {
      expect((await allObservations(code, 100)).seen).toEqual(published.get(code));
    }
  });

  it('pages observations newest period first, then by county, following endCursor', async () => {
    const { seen, pages } = await allObservations('ENT_NEW', 40);
    expect(pages).toBe(Math.ceil((published.get('ENT_NEW')?.length ?? 0) / 40));
    expect(seen).toEqual(published.get('ENT_NEW'));
    expect(new Set(seen.map((n) => n.period))).toEqual(
      new Set(['2025', '2024', '2023', '2022', '2021']),
    );
  });

  it('filters observations by county and by period together', async () => {
    const county = [...founded2024.keys()][0] ?? '';
    const one = await observations('ENT_NEW', `divisionCode: "${county}", period: "2024"`);
    expect(one).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: one.pageInfo.endCursor },
      nodes: [{ period: '2024', divisionCode: county, value: founded2024.get(county) }],
    });
    const none = await observations('POP_REGISTERED', 'period: "2019-Q3"');
    expect(none).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [],
    });
  });

  it('lists indicators by code and returns null for a code it does not publish', async () => {
    const res = await query(
      '{ indicators(first: 2) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }',
    );
    const first = res.data?.indicators as {
      totalCount: number;
      nodes: { code: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(first.totalCount).toBe(5);
    expect(first.nodes).toEqual([{ code: 'ENT_ACTIVE' }, { code: 'ENT_NEW' }]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await query(
      `{ indicators(first: 100, after: "${first.pageInfo.endCursor}") { nodes { code } pageInfo { hasNextPage } } }`,
    );
    expect(rest.data?.indicators).toEqual({
      nodes: [{ code: 'POP_FEMALE' }, { code: 'POP_MALE' }, { code: 'POP_REGISTERED' }],
      pageInfo: { hasNextPage: false },
    });
    const unknown = await query('{ indicator(code: "NOPE") { code } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.indicator).toBeNull();
  });

  it('refuses a page over 100 or a foreign cursor with INVALID_ARGUMENT naming the argument', async () => {
    const tooMany = await errorOf('{ indicators(first: 101) { totalCount } }');
    expect(tooMany?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'first' });
    expect(tooMany?.message).toContain('ask for 1 to 100');
    const tooManyObservations = await errorOf(
      '{ indicator(code: "ENT_NEW") { observations(first: 101) { totalCount } } }',
    );
    expect(tooManyObservations?.extensions).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'first',
    });
    expect(tooManyObservations?.message).toContain('Indicator.observations(first: 101)');
    const badCursor = await errorOf(
      '{ indicator(code: "ENT_NEW") { observations(after: "page-2") { totalCount } } }',
    );
    expect(badCursor?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'after' });
    expect(badCursor?.message).toContain('pass pageInfo.endCursor');
  });

  it('refuses a malformed period with INVALID_ARGUMENT and a malformed county with INVALID_DIVISION_CODE', async () => {
    const period = await errorOf(
      '{ indicator(code: "ENT_NEW") { observations(period: "2024-Q5") { totalCount } } }',
    );
    expect(period?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'period' });
    expect(period?.message).toContain('a quarter (2025-Q4)');
    const county = await errorOf(
      '{ indicator(code: "ENT_NEW") { observations(divisionCode: "12345") { totalCount } } }',
    );
    expect(county?.extensions?.code).toBe('INVALID_DIVISION_CODE');
  });

  it('reads every listed indicator’s observations in one statement, however many indicators', async () => {
    const count = async (first: number) => {
      harness.database.statements.reset();
      const res = await query(`{ indicators(first: ${first}) { nodes { code
        observations(first: 3) { totalCount nodes { value } }
        latest: observations(period: "2025", first: 2) { nodes { value } } } } }`);
      expect(res.errors).toBeUndefined();
      const list = res.data?.indicators as { nodes: unknown[] } | undefined;
      expect(list?.nodes).toHaveLength(first);
      return harness.database.statements.total;
    };
    const two = await count(2);
    expect(await count(5)).toBe(two);
    // indicators page + count, one statement per distinct observations window
    expect(two).toBe(4);
  });
});
