import { createWorld, type World } from '@govgraph/datagen';
import { creditCodeCheckChar } from '@govgraph/schema';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { foldName } from '../src/db/foldName.js';
import { byCodePoint, type GraphQLResponse, useMarket } from './marketHarness.js';

const world: World = createWorld({ seed: 7, people: 4000 });

/** What a search should find: generated names containing the text, by name then credit code. */
const expectedMatches = (text: string) =>
  [...world.companies()]
    .filter((c) => foldName(c.name).includes(foldName(text)))
    .sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.creditCode, b.creditCode))
    .map((c) => c.creditCode);

const SEARCH = `query($name: String!, $first: Int, $after: String) {
  searchLegalEntities(name: $name, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { creditCode name }
  }
}`;

interface SearchPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { creditCode: string; name: string }[];
}

describe.each(ENGINES)('searching the business registry on %s', (engine) => {
  const market = useMarket(engine, world);

  const search = async (name: string, first?: number, after?: string | null) => {
    const res = await market.query(SEARCH, { name, first, after });
    expect(res.errors).toBeUndefined();
    return res.data?.searchLegalEntities as SearchPage;
  };

  const searchAll = async (name: string, first: number) => {
    const codes: string[] = [];
    let after: string | null = null;
    for (let round = 0; round < 50; round++) {
      const page = await search(name, first, after);
      expect(page.nodes.length).toBeLessThanOrEqual(first);
      codes.push(...page.nodes.map((n) => n.creditCode));
      if (!page.pageInfo.hasNextPage) return { codes, totalCount: page.totalCount };
      after = page.pageInfo.endCursor;
    }
    throw new Error('the search did not end within 50 pages');
  };

  it('finds names containing the text, by name then credit code, page after page', async () => {
    const expected = expectedMatches('科技');
    expect(expected.length).toBeGreaterThan(20);
    const { codes, totalCount } = await searchAll('科技', 15);
    expect(codes).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it('counts every match on each page and reports an empty page past the end', async () => {
    const expected = expectedMatches('有限公司');
    const first = await search('有限公司', 5);
    expect(first.totalCount).toBe(expected.length);
    expect(first.nodes.map((n) => n.creditCode)).toEqual(expected.slice(0, 5));
    expect(first.pageInfo.hasNextPage).toBe(true);
    // A cursor at the very end: nothing follows, and the total is still known.
    const last = await searchAll('有限公司', 100);
    expect(last.codes).toEqual(expected);
    const end = await search(
      '有限公司',
      5,
      Buffer.from(`v1:${expected.length}`).toString('base64url'),
    );
    expect(end).toEqual({
      totalCount: expected.length,
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [],
    });
  });

  it('matches full-width brackets in registered names with ASCII ones in the search', async () => {
    const expected = expectedMatches('（有限合伙）');
    expect(expected.length).toBeGreaterThan(0);
    expect((await searchAll('(有限合伙)', 100)).codes).toEqual(expected);
    expect((await searchAll('（有限合伙）', 100)).codes).toEqual(expected);
  });

  it('ignores letter case, trims the text, and matches % and _ literally', async () => {
    const first17 = '91110105ACME00001';
    const creditCode = first17 + creditCodeCheckChar(first17);
    const name = 'ACME Robotics（北京）有限公司';
    // One company with a Latin name beside the generated (all-Chinese) ones.
    await market.database.db
      .insertInto('legal_entity')
      .values({
        credit_code: creditCode,
        name,
        name_folded: foldName(name),
        kind: 'LIMITED_LIABILITY',
        status: 'ACTIVE',
        established: '2020-01-02',
        registered_capital: '1000000.00',
        business_scope: '工业机器人制造',
        division_code: '110105',
        address: '北京市朝阳区建设路1号',
        building_id: '110105B00000001',
        representative_id: null,
      })
      .execute();
    try {
      for (const text of ['acme', 'aCmE rObOtIcs', '  robotics(北京)  ']) {
        const page = await search(text);
        expect(page.nodes).toEqual([{ creditCode, name }]);
      }
      expect((await search('%%')).totalCount).toBe(0);
      expect((await search('A_ME')).totalCount).toBe(0);
    } finally {
      await market.database.db
        .deleteFrom('legal_entity')
        .where('credit_code', '=', creditCode)
        .execute();
    }
  });

  it('refuses an empty, blank or one-character name with INVALID_ARGUMENT', async () => {
    for (const name of ['', '   ', '科', ' x ']) {
      const res: GraphQLResponse = await market.query(SEARCH, { name });
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
      expect(res.errors?.[0]?.extensions?.argument).toBe('name');
      expect(res.errors?.[0]?.message).toContain('at least 2 characters');
    }
  });

  it('refuses more than 100 results a page with INVALID_ARGUMENT', async () => {
    const res = await market.query(SEARCH, { name: '科技', first: 101 });
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(res.errors?.[0]?.message).toContain('searchLegalEntities(first: 101)');
  });
});
