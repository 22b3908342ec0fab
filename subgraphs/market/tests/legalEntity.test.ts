import { createWorld, type World } from '@govgraph/datagen';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { byCodePoint, useMarket } from './marketHarness.js';

const world: World = createWorld({ seed: 7, people: 4000 });
const companies = [...world.companies()];
const firstWhere = (test: (j: number) => boolean): number => {
  const found = companies.find((c) => test(c.index));
  if (!found) throw new Error('the test world has no such company; change its seed or size');
  return found.index;
};

const newestFirst =
  <T extends { id: string }>(date: (r: T) => string) =>
  (a: T, b: T) =>
    byCodePoint(date(b), date(a)) || byCodePoint(a.id, b.id);

/** A company and all its records as the registry should publish them, from the generator. */
function expectedEntity(j: number) {
  const c = world.company(j);
  const dishonesty = world.dishonestyListing(j);
  const inspections = world.inspections(j).sort(newestFirst((r) => r.inspectedOn));
  const penalties = world.penalties(j).sort(newestFirst((r) => r.decidedOn));
  const abnormal = world.abnormalListings(j).sort(newestFirst((r) => r.listedOn));
  return {
    creditCode: c.creditCode,
    name: c.name,
    kind: c.kind,
    status: c.status,
    established: c.established,
    registeredCapital: c.registeredCapital,
    businessScope: c.businessScope,
    divisionCode: c.divisionCode,
    address: c.address,
    buildingId: c.buildingId,
    legalRepresentative: { nationalId: world.person(c.representativeIndex).nationalId },
    inspections: {
      totalCount: inspections.length,
      nodes: inspections.map((r) => ({
        inspectedOn: r.inspectedOn,
        authority: r.authority,
        result: r.result,
        findings: r.findings,
      })),
    },
    administrativePenalties: {
      totalCount: penalties.length,
      nodes: penalties.map((r) => ({
        decisionNumber: r.decisionNumber,
        decidedOn: r.decidedOn,
        authority: r.authority,
        violation: r.violation,
        kind: r.kind,
        amount: r.amount,
      })),
    },
    abnormalOperationListings: {
      totalCount: abnormal.length,
      nodes: abnormal.map((r) => ({
        listedOn: r.listedOn,
        reason: r.reason,
        authority: r.authority,
        removedOn: r.removedOn,
        removalReason: r.removalReason,
      })),
    },
    seriousDishonestyListing: dishonesty && {
      listedOn: dishonesty.listedOn,
      reason: dishonesty.reason,
      authority: dishonesty.authority,
    },
  };
}

const ENTITY_FIELDS = `
  creditCode name kind status established registeredCapital businessScope
  divisionCode address buildingId
  legalRepresentative { nationalId }
  inspections(first: 100) { totalCount nodes { inspectedOn authority result findings } }
  administrativePenalties(first: 100) {
    totalCount nodes { decisionNumber decidedOn authority violation kind amount }
  }
  abnormalOperationListings(first: 100) {
    totalCount nodes { listedOn reason authority removedOn removalReason }
  }
  seriousDishonestyListing { listedOn reason authority }`;

describe.each(ENGINES)('business registry entities on %s', (engine) => {
  const market = useMarket(engine, world);

  const entity = async (creditCode: string, fields: string) => {
    const res = await market.query(
      `query($code: CreditCode!) { legalEntity(creditCode: $code) { ${fields} } }`,
      { code: creditCode },
    );
    expect(res.errors).toBeUndefined();
    return res.data?.legalEntity;
  };

  it('returns companies exactly as the generator made them, with every record', async () => {
    const chosen = [
      firstWhere((j) => world.dishonestyListing(j) !== null),
      firstWhere((j) => world.abnormalListings(j).some((l) => l.removedOn !== null)),
      firstWhere((j) => world.abnormalListings(j).some((l) => l.removedOn === null)),
      firstWhere((j) => world.penalties(j).some((p) => p.amount === null)),
      firstWhere((j) => world.penalties(j).some((p) => p.amount !== null)),
      firstWhere((j) => world.inspections(j).length === 0),
    ];
    for (const j of chosen) {
      expect(await entity(world.company(j).creditCode, ENTITY_FIELDS)).toEqual(expectedEntity(j));
    }
  });

  it("links the legal representative by the person's national ID", async () => {
    const c = world.company(11);
    expect(await entity(c.creditCode, 'legalRepresentative { __typename nationalId }')).toEqual({
      legalRepresentative: {
        __typename: 'Person',
        nationalId: world.person(c.representativeIndex).nationalId,
      },
    });
  });

  it('answers null for a well-formed credit code the registry does not hold', async () => {
    expect(await entity('91350100M000100Y43', 'name')).toBeNull();
  });

  it('pages through penalties and inspections by following endCursor', async () => {
    const j = firstWhere((k) => world.penalties(k).length >= 3 && world.inspections(k).length >= 3);
    const expected = expectedEntity(j);
    const pageThrough = async (field: 'administrativePenalties' | 'inspections', key: string) => {
      const seen: unknown[] = [];
      let after: string | null = null;
      for (let round = 0; round < 10; round++) {
        const res = await market.query(
          `query($code: CreditCode!, $after: String) { legalEntity(creditCode: $code) {
            ${field}(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${key} } }
          } }`,
          { code: world.company(j).creditCode, after },
        );
        expect(res.errors).toBeUndefined();
        const page = ((res.data?.legalEntity ?? {}) as Record<string, unknown>)[field] as {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          nodes: Record<string, unknown>[];
        };
        expect(page.totalCount).toBe(expected[field].totalCount);
        expect(page.nodes.length).toBeLessThanOrEqual(2);
        seen.push(...page.nodes.map((n) => n[key]));
        if (!page.pageInfo.hasNextPage) return seen;
        after = page.pageInfo.endCursor;
      }
      throw new Error(`${field} did not end within 10 pages`);
    };
    expect(await pageThrough('administrativePenalties', 'decisionNumber')).toEqual(
      expected.administrativePenalties.nodes.map((n) => n.decisionNumber),
    );
    expect(await pageThrough('inspections', 'inspectedOn')).toEqual(
      expected.inspections.nodes.map((n) => n.inspectedOn),
    );
  });

  it('refuses a page of more than 100 items with INVALID_ARGUMENT naming the range', async () => {
    const res = await market.query(
      `query($code: CreditCode!) { legalEntity(creditCode: $code) {
        administrativePenalties(first: 101) { totalCount }
      } }`,
      { code: world.company(0).creditCode },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(res.errors?.[0]?.message).toContain('administrativePenalties(first: 101)');
    expect(res.errors?.[0]?.message).toContain('1 to 100');
  });

  it('refuses a cursor that did not come from the list with INVALID_ARGUMENT', async () => {
    const res = await market.query(
      `query($code: CreditCode!) { legalEntity(creditCode: $code) {
        inspections(after: "not-a-cursor") { totalCount }
      } }`,
      { code: world.company(0).creditCode },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(res.errors?.[0]?.extensions?.argument).toBe('after');
  });

  it('refuses a credit code with a wrong check character, naming the right one', async () => {
    const res = await market.query('{ legalEntity(creditCode: "91350100M000100Y44") { name } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
    expect(res.errors?.[0]?.message).toContain('should be 3');
  });

  it('resolves LegalEntity references for the gateway', async () => {
    const codes = [world.company(3).creditCode, world.company(9).creditCode];
    const res = await market.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { creditCode name } } }',
      { r: codes.map((creditCode) => ({ __typename: 'LegalEntity', creditCode })) },
    );
    expect(res.data?._entities).toEqual([
      { creditCode: codes[0], name: world.company(3).name },
      { creditCode: codes[1], name: world.company(9).name },
    ]);
  });
});
