import {
  createWorld,
  type RealEstateTitle,
  titlesOfBuilding,
  titlesOfCompany,
  titlesOfPerson,
  type World,
} from '@govgraph/datagen';
import { ENGINES, useDepartment } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { seedableDepartment as department } from '../src/seed.js';

interface Connection {
  nodes: { certificateNumber: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const TITLE_FIELDS = `certificateNumber unit areaSquareMeters use registeredOn mortgaged
  owners { share owner { __typename ... on Person { nationalId } ... on LegalEntity { creditCode } } }
  building { buildingId }`;

/** A title as the registry should answer it, from the generator's record. */
const expected = (t: RealEstateTitle) => ({
  certificateNumber: t.certificateNumber,
  unit: t.unit,
  areaSquareMeters: t.areaSquareMeters,
  use: t.use,
  registeredOn: t.registeredOn,
  mortgaged: t.mortgaged,
  owners: t.owners.map((o) => ({
    share: o.share,
    owner:
      o.kind === 'PERSON'
        ? { __typename: 'Person', nationalId: o.nationalId }
        : { __typename: 'LegalEntity', creditCode: o.creditCode },
  })),
  building: { buildingId: t.buildingId },
});

describe.each(ENGINES)('real-estate registry on %s', (engine) => {
  const world: World = createWorld({ seed: 7, people: 400 });
  const buildingTitles = Array.from({ length: world.buildingCount }, (_, k) =>
    titlesOfBuilding(world, k),
  );
  // The building with the most titles, for paging; a person with two titles; a company with one.
  const busiest = buildingTitles.reduce(
    (best, t, k) => (t.length > (buildingTitles[best]?.length ?? 0) ? k : best),
    0,
  );
  const twoTitles = Array.from({ length: world.peopleCount }, (_, i) => i).find(
    (i) => titlesOfPerson(world, i).length === 2,
  );
  const companyWithTitle = Array.from({ length: world.companyCount }, (_, j) => j).find(
    (j) => titlesOfCompany(world, j).length > 0,
  );
  const harness = useDepartment(department, engine, world);
  const { query } = harness;

  it('returns a building exactly as the generator made it, with its titles', async () => {
    const b = world.building(busiest);
    const titles = buildingTitles[busiest] ?? [];
    const res = await query(
      `query($id: BuildingId!) { building(buildingId: $id) {
        buildingId address divisionCode use floors builtYear
        titles(first: 100) { totalCount pageInfo { hasNextPage } nodes { ${TITLE_FIELDS} } }
      } }`,
      { id: b.buildingId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.building).toEqual({
      buildingId: b.buildingId,
      address: b.address,
      divisionCode: b.divisionCode,
      use: b.use,
      floors: b.floors,
      builtYear: b.builtYear,
      titles: {
        totalCount: titles.length,
        pageInfo: { hasNextPage: false },
        nodes: titles.map(expected),
      },
    });
  });

  it('returns a title by certificate number, with its co-owners and building', async () => {
    const home = titlesOfPerson(world, 0)[0];
    if (!home) throw new Error('person 0 owns no home');
    const res = await query(
      `query($n: String!) { realEstateTitle(certificateNumber: $n) { ${TITLE_FIELDS}
        building { address titles(first: 1) { totalCount } } } }`,
      { n: home.certificateNumber },
    );
    expect(res.errors).toBeUndefined();
    const building = world.building(home.buildingIndex);
    expect(res.data?.realEstateTitle).toEqual({
      ...expected(home),
      building: {
        buildingId: building.buildingId,
        address: building.address,
        titles: { totalCount: buildingTitles[home.buildingIndex]?.length },
      },
    });
  });

  it("lists a person's titles, oldest registration first, as entity fields for the gateway", async () => {
    const i = twoTitles ?? -1;
    const child = world.person(2);
    const reps = [
      { __typename: 'Person', nationalId: world.person(i).nationalId },
      { __typename: 'Person', nationalId: child.nationalId },
    ];
    const res = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Person { nationalId realEstate { totalCount nodes { ${TITLE_FIELDS} } } }
      } }`,
      { r: reps },
    );
    expect(res.errors).toBeUndefined();
    const titles = titlesOfPerson(world, i);
    expect(titles).toHaveLength(2);
    expect(res.data?._entities).toEqual([
      {
        nationalId: reps[0]?.nationalId,
        realEstate: { totalCount: 2, nodes: titles.map(expected) },
      },
      { nationalId: child.nationalId, realEstate: { totalCount: 0, nodes: [] } },
    ]);
  });

  it("lists a legal entity's titles as entity fields for the gateway", async () => {
    const company = world.company(companyWithTitle ?? -1);
    const titles = titlesOfCompany(world, company.index);
    const res = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LegalEntity { creditCode realEstate { totalCount nodes { ${TITLE_FIELDS} } } }
      } }`,
      { r: [{ __typename: 'LegalEntity', creditCode: company.creditCode }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      {
        creditCode: company.creditCode,
        realEstate: { totalCount: titles.length, nodes: titles.map(expected) },
      },
    ]);
  });

  it('resolves building references for the gateway, null for an unknown building', async () => {
    const b = world.building(3);
    const res = await query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Building { address use } } }',
      {
        r: [
          { __typename: 'Building', buildingId: b.buildingId },
          { __typename: 'Building', buildingId: '110105B99999999' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ address: b.address, use: b.use }, null]);
  });

  it("pages through a building's titles by following endCursor", async () => {
    const b = world.building(busiest);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res = await query(
        `query($id: BuildingId!, $after: String) { building(buildingId: $id) {
          titles(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { certificateNumber } }
        } }`,
        { id: b.buildingId, after },
      );
      expect(res.errors).toBeUndefined();
      const titles = ((res.data?.building ?? {}) as { titles: Connection }).titles;
      expect(titles.totalCount).toBe(buildingTitles[busiest]?.length);
      seen.push(...titles.nodes.map((n) => n.certificateNumber));
      if (!titles.pageInfo.hasNextPage) break;
      expect(titles.nodes).toHaveLength(3);
      after = titles.pageInfo.endCursor;
    }
    expect(seen).toEqual(buildingTitles[busiest]?.map((t) => t.certificateNumber));
    expect(seen.length).toBeGreaterThan(6);
  });

  it('refuses a page of 101 titles and a cursor from elsewhere with INVALID_ARGUMENT', async () => {
    const id = world.building(0).buildingId;
    const big = await query(
      'query($id: BuildingId!) { building(buildingId: $id) { titles(first: 101) { totalCount } } }',
      { id },
    );
    expect(big.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(big.errors?.[0]?.message).toContain('Building.titles(first: 101) is out of range');
    const person = await query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Person { realEstate(after: "not-a-cursor") { totalCount } } } }`,
      { r: [{ __typename: 'Person', nationalId: world.person(0).nationalId }] },
    );
    expect(person.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(person.errors?.[0]?.message).toContain('Person.realEstate(after: "not-a-cursor")');
  });

  it('refuses a malformed certificate number with INVALID_CERTIFICATE_NUMBER, saying which part is wrong', async () => {
    const cases: [string, string][] = [
      ['0012345', 'it should read <province>(<year>)<county>不动产权第<serial>号'],
      ['X(2019)朝阳区不动产权第0012345号', '"X" is not a province abbreviation'],
      ['京(2009)朝阳区不动产权第0012345号', 'the year 2009 is before 2015'],
      ['京(2019)朝阳区不动产权第12345号', 'the serial 12345 has fewer than 7 digits'],
      ['京(2019)不动产权第0012345号', 'the registering county or district is missing'],
    ];
    for (const [number, problem] of cases) {
      const res = await query(
        'query($n: String!) { realEstateTitle(certificateNumber: $n) { unit } }',
        {
          n: number,
        },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_CERTIFICATE_NUMBER');
      expect(res.errors?.[0]?.message).toContain(problem);
      expect(res.data?.realEstateTitle ?? null).toBeNull();
    }
  });

  it('accepts full-width parentheses as printed on the certificate, and answers null for an unknown one', async () => {
    const home = titlesOfPerson(world, 0)[0];
    const printed = (home?.certificateNumber ?? '').replace('(', '（').replace(')', '）');
    const found = await query(
      'query($n: String!) { realEstateTitle(certificateNumber: $n) { unit } }',
      {
        n: printed,
      },
    );
    expect(found.data?.realEstateTitle).toEqual({ unit: home?.unit });
    const missing = await query(
      '{ realEstateTitle(certificateNumber: "京(2019)朝阳区不动产权第9999999号") { unit } }',
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.realEstateTitle).toBeNull();
  });

  it('refuses a malformed building ID with INVALID_BUILDING_ID and answers null for an unknown one', async () => {
    const bad = await query('{ building(buildingId: "110105-42") { address } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_BUILDING_ID');
    const unknown = await query('{ building(buildingId: "110105B99999999") { address } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.building).toBeNull();
  });

  // Each kind of owner on its own: on PostgreSQL, answers to two different loaders arrive in
  // different ticks, so mixing kinds would split later batches by which kinds own anything.
  it.each([
    ['Person', 'nationalId'],
    ['LegalEntity', 'creditCode'],
  ])('uses as many SQL statements for 100 owners as for 2 (%s)', async (typename, key) => {
    const keys =
      typename === 'Person'
        ? Array.from({ length: 100 }, (_, x) => world.person(x * 4).nationalId)
        : Array.from({ length: world.companyCount }, (_, j) => j)
            .filter((j) => titlesOfCompany(world, j).length > 0)
            .map((j) => world.company(j).creditCode);
    const q = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on ${typename} { realEstate(first: 5) { totalCount nodes { ${TITLE_FIELDS}
        building { address titles(first: 3) { totalCount nodes { certificateNumber owners { share } } } } } } }
    } }`;
    const run = async (n: number) => {
      // Every parent owns something (heads of households; companies with titles, repeated).
      const reps = Array.from({ length: n }, (_, x) => ({
        __typename: typename,
        [key]: keys[x % keys.length],
      }));
      harness.database.statements.reset();
      const res = await query(q, { r: reps });
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toHaveLength(n);
      return harness.database.statements.total;
    };
    const small = await run(2);
    const large = await run(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(5);
  });
});
