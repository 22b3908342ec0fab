import { createWorld, type World } from '@govgraph/datagen';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { byCodePoint, useMarket } from './marketHarness.js';

const world: World = createWorld({ seed: 7, people: 4000 });

/** People who represent at least `min` companies, first ones first. */
const representatives = (count: number, min = 1): number[] => {
  const found: number[] = [];
  for (let i = 0; i < world.peopleCount && found.length < count; i++) {
    if (world.companiesRepresentedBy(i).length >= min) found.push(i);
  }
  if (found.length < count) throw new Error('the test world has too few representatives');
  return found;
};

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  nationalId
  representedEntities { totalCount nodes { creditCode name administrativePenalties { totalCount } } }
} } }`;

interface PersonEntity {
  nationalId: string;
  representedEntities: {
    totalCount: number;
    nodes: { creditCode: string; name: string; administrativePenalties: { totalCount: number } }[];
  };
}

const personRef = (i: number) => ({ __typename: 'Person', nationalId: world.person(i).nationalId });

describe.each(ENGINES)('people in the business registry on %s', (engine) => {
  const market = useMarket(engine, world);

  const entities = async (people: number[]) => {
    const res = await market.query(ENTITIES, { r: people.map(personRef) });
    expect(res.errors).toBeUndefined();
    return res.data?._entities as PersonEntity[];
  };

  it('lists the entities a person represents, as the generator assigned them', async () => {
    const [several] = representatives(1, 2);
    const [one] = representatives(1, 1);
    const nobody = [...Array(world.peopleCount).keys()].find(
      (i) => world.companiesRepresentedBy(i).length === 0,
    );
    const people = [several, one, nobody].map((i) => {
      if (i === undefined) throw new Error('the test world lacks a kind of person');
      return i;
    });
    const answer = await entities(people);
    expect(answer).toEqual(
      people.map((i) => {
        const companies = world
          .companiesRepresentedBy(i)
          .map((j) => world.company(j))
          .sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.creditCode, b.creditCode));
        return {
          nationalId: world.person(i).nationalId,
          representedEntities: {
            totalCount: companies.length,
            nodes: companies.map((c) => ({
              creditCode: c.creditCode,
              name: c.name,
              administrativePenalties: { totalCount: world.penalties(c.index).length },
            })),
          },
        };
      }),
    );
    expect(answer[0]?.representedEntities.totalCount).toBeGreaterThanOrEqual(2);
  });

  it('pages through the entities a person represents', async () => {
    const [i = -1] = representatives(1, 2);
    const res = await market.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
        representedEntities(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { creditCode } }
      } } }`,
      { r: [personRef(i)] },
    );
    expect(res.errors).toBeUndefined();
    const [first] = (res.data?._entities ?? []) as {
      representedEntities: { totalCount: number; pageInfo: { hasNextPage: boolean } };
    }[];
    expect(first?.representedEntities.totalCount).toBe(world.companiesRepresentedBy(i).length);
    expect(first?.representedEntities.pageInfo.hasNextPage).toBe(true);
  });

  it('uses as many SQL statements for 100 people as for 2', async () => {
    const people = representatives(100);
    const run = async (n: number) => {
      market.database.statements.reset();
      const answer = await entities(people.slice(0, n));
      expect(answer.length).toBe(n);
      expect(answer.every((p) => p.representedEntities.totalCount > 0)).toBe(true);
      return market.database.statements.total;
    };
    const small = await run(2);
    const large = await run(100);
    expect(large).toBe(small);
    // One statement for the entities, one for all their penalty lists.
    expect(small).toBe(2);
  });
});
