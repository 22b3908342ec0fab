import { createWorld } from '@govgraph/datagen';
import { ENGINES, useDepartment } from '@govgraph/schema/testing';
import { describe, expect, it } from 'vitest';
import { department } from '../src/index.js';

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
const companies = [...world.companies()];
const activeEnterprises = tally(
  companies.filter((c) => c.status === 'ACTIVE').map((c) => c.divisionCode),
);
const founded2024 = tally(
  companies.filter((c) => c.established.startsWith('2024')).map((c) => c.divisionCode),
);
const busiestCounty = [...population.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';

interface Observations {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { period: string; divisionCode: string; value: number }[];
}

describe.each(ENGINES)('statistics bureau on %s', (engine) => {
  const harness = useDepartment(department, engine, world);
  const { query } = harness;

  const observations = async (code: string, args: string) => {
    const res = await query(`{ indicator(code: "${code}") { observations(${args}) {
      totalCount pageInfo { hasNextPage endCursor } nodes { period divisionCode value }
    } } }`);
    expect(res.errors).toBeUndefined();
    return (res.data?.indicator as { observations: Observations }).observations;
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
    const all = await observations('POP_REGISTERED', 'first: 100');
    expect(all.totalCount).toBe(population.size);
    const busiest = await observations('POP_REGISTERED', `divisionCode: "${busiestCounty}"`);
    expect(busiest.nodes).toEqual([
      { period: '2025', divisionCode: busiestCounty, value: population.get(busiestCounty) },
    ]);
    const men = await observations('POP_MALE', `divisionCode: "${busiestCounty}"`);
    expect(men.nodes.map((n) => n.value)).toEqual([males.get(busiestCounty) ?? 0]);
  });

  it('publishes active and newly established enterprises from the business register', async () => {
    const res = await query('{ indicator(code: "ENT_ACTIVE") { total } }');
    expect(res.data?.indicator).toEqual({
      total: [...activeEnterprises.values()].reduce((a, b) => a + b, 0),
    });
    const newIn2024 = await observations('ENT_NEW', 'period: "2024", first: 100');
    expect(newIn2024.totalCount).toBe(founded2024.size);
    expect(Object.fromEntries(newIn2024.nodes.map((n) => [n.divisionCode, n.value]))).toEqual(
      Object.fromEntries([...founded2024].slice(0, 100)),
    );
  });

  it('pages observations newest period first, then by county, following endCursor', async () => {
    const seen: Observations['nodes'] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Observations = await observations(
        'ENT_NEW',
        `first: 40${after ? `, after: "${after}"` : ''}`,
      );
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    const keys = seen.map((n) => `${n.period}|${n.divisionCode}`);
    const expected = [...keys].sort((a, b) => {
      const [pa = '', da = ''] = a.split('|');
      const [pb = '', db = ''] = b.split('|');
      return pb.localeCompare(pa) || da.localeCompare(db);
    });
    expect(keys).toEqual(expected);
    expect(new Set(keys).size).toBe(keys.length);
    expect(pages).toBeGreaterThan(1);
  });

  it('lists indicators by code and refuses a page over 100', async () => {
    const res = await query(
      '{ indicators(first: 2) { totalCount nodes { code } pageInfo { hasNextPage } } }',
    );
    expect(res.data?.indicators).toEqual({
      totalCount: 5,
      nodes: [{ code: 'ENT_ACTIVE' }, { code: 'ENT_NEW' }],
      pageInfo: { hasNextPage: true },
    });
    const tooMany = await query('{ indicators(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    const unknown = await query('{ indicator(code: "NOPE") { code } }');
    expect(unknown.data?.indicator).toBeNull();
  });

  it('reads every listed indicator’s observations in one statement', async () => {
    const count = async (first: number) => {
      harness.database.statements.reset();
      const res = await query(`{ indicators(first: ${first}) { nodes { code
        observations(first: 3) { totalCount nodes { value } } } } }`);
      expect(res.errors).toBeUndefined();
      return harness.database.statements.total;
    };
    expect(await count(5)).toBe(await count(1));
  });
});
