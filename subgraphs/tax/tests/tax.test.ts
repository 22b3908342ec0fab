import {
  createWorld,
  type EnterpriseTaxRecord,
  enterpriseTaxRecord,
  type PersonTaxRecord,
  personTaxRecord,
  TAX_RATING_YEARS,
  type World,
} from '@govgraph/datagen';
import { ENGINES, useDepartment } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { seedableDepartment as department } from '../src/seed.js';

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const world: World = createWorld({ seed: 7, people: 10_000 });
const people = Array.from({ length: world.peopleCount }, (_, i) => personTaxRecord(world, i));
const companies = Array.from({ length: world.companyCount }, (_, j) =>
  enterpriseTaxRecord(world, j),
);

function findPerson(test: (r: PersonTaxRecord) => boolean): PersonTaxRecord {
  const found = people.find((r): r is PersonTaxRecord => r !== null && test(r));
  if (!found) throw new Error('the test world has no such person; pick another seed');
  return found;
}

function findCompany(test: (r: EnterpriseTaxRecord) => boolean): EnterpriseTaxRecord {
  const found = companies.find(test);
  if (!found) throw new Error('the test world has no such company; pick another seed');
  return found;
}

const FILING_FIELDS = 'period taxKind taxableAmount taxPaid dueOn filedOn onTime';
const VIOLATION_FIELDS = 'caseNumber decidedOn violation amountEvaded penalty';

describe.each(ENGINES)('tax administration on %s', (engine) => {
  const harness = useDepartment(department, engine, world);
  const { query } = harness;

  /** `_entities` for one representation, returning that entity's `taxProfile`. */
  const profileOf = async (
    rep: Record<string, string>,
    selection: string,
    variables: Record<string, unknown> = {},
    declarations = '',
  ) => {
    const res = await query(
      `query($r: [_Any!]!${declarations}) { _entities(representations: $r) {
        ... on Person { taxProfile { ${rep.__typename === 'Person' ? selection : '__typename'} } }
        ... on LegalEntity { taxProfile { ${rep.__typename === 'LegalEntity' ? selection : '__typename'} } }
      } }`,
      { r: [rep], ...variables },
    );
    const entity = (res.data?._entities as { taxProfile: Record<string, unknown> | null }[])?.[0];
    return { res, profile: entity?.taxProfile };
  };
  const person = (r: { nationalId: string }) => ({
    __typename: 'Person',
    nationalId: r.nationalId,
  });
  const entity = (r: { creditCode: string }) => ({
    __typename: 'LegalEntity',
    creditCode: r.creditCode,
  });

  it("returns a person's income tax years and arrears exactly as the generator made them", async () => {
    const record = findPerson((r) => r.arrears !== '0.00');
    const { res, profile } = await profileOf(
      person(record),
      'years { year declaredIncome taxPaid } arrears hasArrears',
    );
    expect(res.errors).toBeUndefined();
    expect(profile).toEqual({ years: record.years, arrears: record.arrears, hasArrears: true });
    expect(record.years.map((y) => y.year)).toEqual([2025, 2024, 2023, 2022, 2021]);
  });

  it('says a person without arrears has none', async () => {
    const record = findPerson((r) => r.arrears === '0.00');
    const { profile } = await profileOf(person(record), 'arrears hasArrears');
    expect(profile).toEqual({ arrears: '0.00', hasArrears: false });
  });

  it('returns no tax profile for a child, nor for a person the administration does not know', async () => {
    const childIndex = people.findIndex(
      (r, i) => r === null && world.person(i).birthDate >= '2004-01-01',
    );
    expect(childIndex).toBeGreaterThanOrEqual(0);
    const child = world.person(childIndex);
    expect((await profileOf(person(child), 'arrears')).profile).toBeNull();
    const stranger = await profileOf(person({ nationalId: '11010519491231002X' }), 'arrears');
    expect(stranger.res.errors).toBeUndefined();
    expect(stranger.profile).toBeNull();
  });

  it('returns the most recent years first, as many as asked for', async () => {
    const record = findPerson(() => true);
    const ask = async (last: number) =>
      (await profileOf(person(record), 'years(last: $last) { year }', { last }, ', $last: Int!'))
        .profile;
    expect(await ask(2)).toEqual({ years: [{ year: 2025 }, { year: 2024 }] });
    expect(await ask(10)).toEqual({ years: record.years.map((y) => ({ year: y.year })) });
  });

  it.each([0, 11, -1])('refuses years(last: %i) with INVALID_ARGUMENT', async (last) => {
    const record = findPerson(() => true);
    const { res } = await profileOf(
      person(record),
      'years(last: $last) { year }',
      { last },
      ', $last: Int!',
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'last',
    });
    expect(res.errors?.[0]?.message).toContain('1 to 10');
  });

  it("returns an enterprise's rating, arrears, filings and violations exactly as the generator made them", async () => {
    const record = findCompany((r) => r.majorViolations.length > 0);
    const { res, profile } = await profileOf(
      entity(record),
      `creditRating creditRatingYear publishedCreditRating arrears
       filings(first: 100) { nodes { ${FILING_FIELDS} } totalCount pageInfo { hasNextPage } }
       majorViolations { nodes { ${VIOLATION_FIELDS} } totalCount pageInfo { hasNextPage } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(profile).toEqual({
      creditRating: record.creditRating,
      creditRatingYear: record.creditRatingYear,
      publishedCreditRating: record.creditRating === 'A' ? 'A' : null,
      arrears: record.arrears,
      filings: {
        nodes: record.filings,
        totalCount: record.filings.length,
        pageInfo: { hasNextPage: false },
      },
      majorViolations: {
        nodes: record.majorViolations,
        totalCount: record.majorViolations.length,
        pageInfo: { hasNextPage: false },
      },
    });
  });

  it('publishes an A rating and keeps every other rating unpublished', async () => {
    const rated = async (r: EnterpriseTaxRecord) =>
      (await profileOf(entity(r), 'creditRating publishedCreditRating')).profile;
    const a = findCompany((r) => r.creditRating === 'A');
    expect(await rated(a)).toEqual({ creditRating: 'A', publishedCreditRating: 'A' });
    for (const level of ['B', 'M', 'C', 'D'] as const) {
      const other = findCompany((r) => r.creditRating === level);
      expect(await rated(other)).toEqual({ creditRating: level, publishedCreditRating: null });
    }
  });

  it('reports the arrears of an enterprise that owes tax', async () => {
    const record = findCompany((r) => r.arrears !== '0.00');
    expect((await profileOf(entity(record), 'arrears')).profile).toEqual({
      arrears: record.arrears,
    });
  });

  it('pages through filings by following endCursor', async () => {
    const record = findCompany((r) => r.filings.length > 20);
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let round = 0; round < 10; round++) {
      const { res, profile } = await profileOf(
        entity(record),
        `filings(first: 7, after: $after) { nodes { ${FILING_FIELDS} } totalCount pageInfo { hasNextPage endCursor } }`,
        { after },
        ', $after: String',
      );
      expect(res.errors).toBeUndefined();
      const page = (profile as { filings: Page<unknown> }).filings;
      expect(page.totalCount).toBe(record.filings.length);
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(record.filings);
  });

  it('refuses a page of 101 filings and a cursor it did not issue, with INVALID_ARGUMENT', async () => {
    const record = findCompany(() => true);
    const big = await profileOf(entity(record), 'filings(first: 101) { totalCount }');
    expect(big.res.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'first',
    });
    expect(big.res.errors?.[0]?.message).toContain('1 to 100');
    const forged = await profileOf(
      entity(record),
      'majorViolations(after: "bm90LWEtY3Vyc29y") { totalCount }',
    );
    expect(forged.res.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'after',
    });
  });

  it('lists the A-rated taxpayers of a year by credit code, page by page', async () => {
    const year = TAX_RATING_YEARS[TAX_RATING_YEARS.length - 1] as number;
    const expected = companies
      .filter((c) => c.ratings.some((r) => r.year === year && r.rating === 'A'))
      .map((c) => c.creditCode)
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let after: string | null = null;
    for (let round = 0; round < 20; round++) {
      const res = await query(
        `query($year: Int!, $after: String) { taxCreditRatingsPublished(year: $year, first: 10, after: $after) {
          nodes { creditCode taxProfile { publishedCreditRating } } totalCount pageInfo { hasNextPage endCursor }
        } }`,
        { year, after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data?.taxCreditRatingsPublished as Page<{
        creditCode: string;
        taxProfile: { publishedCreditRating: string | null };
      }>;
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.nodes.map((n) => n.creditCode));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('lists the A ratings of an earlier evaluation year, which may differ from the latest', async () => {
    const year = TAX_RATING_YEARS[0] as number;
    const expected = companies
      .filter((c) => c.ratings.some((r) => r.year === year && r.rating === 'A'))
      .map((c) => c.creditCode)
      .sort();
    const res = await query(
      'query($year: Int!) { taxCreditRatingsPublished(year: $year, first: 100) { nodes { creditCode } totalCount } }',
      { year },
    );
    const page = res.data?.taxCreditRatingsPublished as Page<{ creditCode: string }>;
    expect(page.totalCount).toBe(expected.length);
    expect(page.nodes.map((n) => n.creditCode)).toEqual(expected.slice(0, 100));
  });

  it.each([2023, 2026])(
    'refuses the ratings of %i, a year not on record, with TAX_RATINGS_NOT_PUBLISHED',
    async (year) => {
      const res = await query(
        'query($year: Int!) { taxCreditRatingsPublished(year: $year) { totalCount } }',
        { year },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'TAX_RATINGS_NOT_PUBLISHED',
        argument: 'year',
      });
      expect(res.errors?.[0]?.message).toContain(`Years on record: ${TAX_RATING_YEARS.join(', ')}`);
    },
  );

  it('refuses a published-ratings page of 101 with INVALID_ARGUMENT', async () => {
    const res = await query('{ taxCreditRatingsPublished(year: 2025, first: 101) { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  it('resolves Person and LegalEntity references for the gateway, in the order given', async () => {
    const p = findPerson(() => true);
    const c = findCompany(() => true);
    const res = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Person { nationalId taxProfile { arrears } }
        ... on LegalEntity { creditCode taxProfile { creditRating } }
      } }`,
      { r: [entity(c), person(p)] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { creditCode: c.creditCode, taxProfile: { creditRating: c.creditRating } },
      { nationalId: p.nationalId, taxProfile: { arrears: p.arrears } },
    ]);
  });

  it('uses as many SQL statements for 100 people and 100 companies as for 2 of each', async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { taxProfile { years { year declaredIncome taxPaid } arrears hasArrears } }
      ... on LegalEntity { taxProfile {
        creditRating publishedCreditRating arrears
        filings(first: 5) { nodes { period taxPaid onTime } totalCount pageInfo { endCursor } }
        majorViolations { nodes { caseNumber } totalCount }
      } }
    } }`;
    const adults = people.filter((r): r is PersonTaxRecord => r !== null);
    const run = async (n: number) => {
      const reps = [...adults.slice(0, n).map(person), ...companies.slice(0, n).map(entity)];
      harness.database.statements.reset();
      const res = await query(q, { r: reps });
      expect(res.errors).toBeUndefined();
      const found = res.data?._entities as { taxProfile: unknown }[];
      expect(found.filter((e) => e.taxProfile !== null).length).toBe(2 * n);
      return harness.database.statements.total;
    };
    const small = await run(2);
    const large = await run(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(5);
  });
});
