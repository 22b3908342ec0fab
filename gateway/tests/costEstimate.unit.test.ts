import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { actualCost } from '../src/limits/actualCost.js';
import { costDirectives } from '../src/limits/costDirectives.js';
import { estimateCost } from '../src/limits/costEstimate.js';
import { createCostFigures, variablesRead } from '../src/limits/costFigures.js';

// A tiny schema in the supergraph's shape: the cost spec linked, `@listSize` imported as `@size`.
const SDL = /* GraphQL */ `
  schema
    @link(url: "https://specs.apollo.dev/link/v1.0")
    @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost", { name: "@listSize", as: "@size" }]) {
    query: Query
    mutation: Mutation
  }
  directive @link(url: String, as: String, import: [link__Import]) repeatable on SCHEMA
  scalar link__Import
  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @size(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

  type Query {
    person(id: ID!): Person
    people(ids: [ID!]!): [Person]! @size(assumedSize: 10)
    search(first: Int = 20, last: Int, text: String @cost(weight: 3)): PersonConnection!
      @size(slicingArguments: ["first", "last"], sizedFields: ["nodes"], requireOneSlicingArgument: false)
    others: [Person!]!
    tags: [String!]! @size(assumedSize: 1000)
    report: Report @cost(weight: 50)
    things: [Thing!]! @size(assumedSize: 3)
    named: [Named!]! @size(assumedSize: 2)
  }
  type Mutation {
    rename(id: ID!, name: String!): Person
  }
  interface Named {
    name: String!
  }
  type Person implements Named {
    id: ID!
    name: String!
    friends(first: Int = 5): [Person!]! @size(slicingArguments: ["first"], requireOneSlicingArgument: false)
    car: Car
  }
  type Car implements Named @cost(weight: 4) {
    name: String!
    model: String!
  }
  type PersonConnection {
    nodes: [Person!]!
    totalCount: Int!
  }
  type Report {
    total: Int!
  }
  union Thing = Person | Car
`;

const schema = buildSchema(SDL);
const directives = costDirectives(SDL);

function operationOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (!operation) throw new Error('no operation in the test document');
  return { document, operation };
}

const cost = (query: string, variables?: Record<string, unknown>) =>
  estimateCost({ schema, ...operationOf(query), variables, directives });

describe('cost estimate', () => {
  it('counts 1 per object, 0 per scalar, and @cost weights on fields, types and arguments', () => {
    expect(cost('{ person(id: 1) { id name } }')).toBe(1);
    expect(cost('{ person(id: 1) { car { model } } }')).toBe(5);
    expect(cost('{ report { total } }')).toBe(50);
    expect(cost('{ search(first: 1, text: "a") { totalCount } }')).toBe(4);
    expect(cost('{ __typename person(id: 1) { __typename } }')).toBe(1);
  });

  it('adds 10 for a mutation', () => {
    expect(cost('mutation { rename(id: 1, name: "x") { name } }')).toBe(11);
  });

  it('sizes a connection’s nodes by first, given as a literal, variable, variable default or not at all', () => {
    const q = 'query($n: Int) { search(first: $n) { nodes { name } totalCount } }';
    expect(cost('{ search(first: 3) { nodes { name } } }')).toBe(4);
    expect(cost(q, { n: 7 })).toBe(8);
    expect(cost(q.replace('$n: Int', '$n: Int = 9'))).toBe(10);
    expect(cost(q.replace('$n: Int', '$n: Int = 9'), { n: 2 })).toBe(3);
    // Variable absent and no default, or first omitted: the argument's default, 20.
    expect(cost(q)).toBe(21);
    expect(cost('{ search { nodes { name } } }')).toBe(21);
    // Several slicing arguments: the largest.
    expect(cost('{ search(first: 2, last: 50) { nodes { name } } }')).toBe(51);
  });

  it('multiplies nested lists, with assumedSize where there is no slicing argument', () => {
    expect(cost('{ people(ids: [1]) { name } }')).toBe(10);
    expect(cost('{ person(id: 1) { friends { name } } }')).toBe(6);
    expect(cost('{ person(id: 1) { friends(first: 2) { friends { car { model } } } } }')).toBe(
      1 + 2 * (1 + 5 * (1 + 4)),
    );
    // A list of scalars costs nothing however long; a list without @listSize counts 100.
    expect(cost('{ tags }')).toBe(0);
    expect(cost('{ others { id } }')).toBe(100);
  });

  it('counts an aliased list once per alias', () => {
    const one = cost('{ search { nodes { name } } }');
    const aliases = Array.from({ length: 7 }, (_, i) => `a${i}: search { nodes { name } }`);
    expect(cost(`{ ${aliases.join(' ')} }`)).toBe(7 * one);
  });

  it('expands fragments and inline fragments like the selections they stand for', () => {
    const direct = cost('{ search(first: 4) { nodes { name car { model } } } }');
    expect(
      cost(`{ ...Q }
        fragment Q on Query { search(first: 4) { ...N } }
        fragment N on PersonConnection { nodes { ...P } }
        fragment P on Person { name car { model } }`),
    ).toBe(direct);
    expect(
      cost(
        '{ ... on Query { search(first: 4) { ... { nodes { name ... on Person { car { model } } } } } } }',
      ),
    ).toBe(direct);
  });

  it('costs an abstract type as its most expensive member', () => {
    // Each item weighs as the abstract type (1); below it, Person's selection costs 4 (car), Car's 0.
    expect(cost('{ things { ... on Person { car { model } } ... on Car { model } } }')).toBe(15);
    expect(cost('{ named { name } }')).toBe(2);
    expect(cost('{ named { ... on Person { friends(first: 3) { name } } } }')).toBe(2 * (1 + 3));
  });

  it('resolves @skip and @include from literals and variables, and counts what it cannot resolve', () => {
    const q = 'query($s: Boolean!) { person(id: 1) { car @skip(if: $s) { model } } }';
    expect(cost(q, { s: true })).toBe(1);
    expect(cost(q, { s: false })).toBe(5);
    expect(cost(q)).toBe(5);
    expect(cost('{ person(id: 1) { car @include(if: false) { model } } }')).toBe(1);
    expect(cost('{ person(id: 1) { ... @skip(if: true) { car { model } } } }')).toBe(1);
  });

  it('costs a fragment spread twice at each of 40 levels without walking its 2^40 paths', () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Person { a: friends(first: 1) { ...F${i + 1} } b: friends(first: 1) { ...F${i + 1} } }`,
    );
    const query = `{ person(id: 1) { ...F0 } } ${fragments.join('\n')} fragment F${levels} on Person { name }`;
    // Each level: two lists of one person, each costing 1 plus the level below.
    let below = 0;
    for (let i = 0; i < levels; i++) below = 2 * (1 + below);
    expect(cost(query)).toBe(1 + below);
  });
});

describe('actual cost', () => {
  const actual = (
    query: string,
    data: Record<string, unknown>,
    variables?: Record<string, unknown>,
  ) => actualCost({ schema, ...operationOf(query), variables, directives, data });

  it('counts the items the answer holds, nulls as nothing, and never exceeds the estimate', () => {
    const q = '{ search(first: 10) { nodes { name car { model } } totalCount } }';
    const data = {
      search: {
        nodes: [
          { name: 'a', car: { model: 'x' } },
          { name: 'b', car: null },
        ],
        totalCount: 2,
      },
    };
    expect(actual(q, data)).toBe(1 + (1 + 4) + 1);
    expect(cost(q)).toBeGreaterThanOrEqual(actual(q, data));
  });

  it('counts selections merged into one response key once, and each alias apart', () => {
    const q = '{ person(id: 1) { car { model } car { name } other: car { model } } }';
    const data = { person: { car: { model: 'x', name: 'y' }, other: { model: 'x' } } };
    expect(actual(q, data)).toBe(1 + 4 + 4);
  });

  it('follows fragments on the member the answer names, and adds 10 for a mutation', () => {
    const q = '{ things { __typename ... on Person { car { model } } ... on Car { model } } }';
    const data = {
      things: [
        { __typename: 'Person', car: { model: 'x' } },
        { __typename: 'Car', model: 'y' },
      ],
    };
    // The Person costs 1 + its car's 4, the Car 1 (an item of Thing).
    expect(actual(q, data)).toBe(5 + 1);
    expect(
      actual('mutation { rename(id: 1, name: "x") { name } }', { rename: { name: 'x' } }),
    ).toBe(11);
  });
});

describe('actual cost of long lists', () => {
  const actual = (query: string, data: Record<string, unknown>) =>
    actualCost({ schema, ...operationOf(query), variables: {}, directives, data });

  // The walk prices a list's selections once per member type and reuses them item by item:
  // every item must still be priced by its own member, in any order.
  it('prices each item of a mixed list by the member it names, whatever the order', () => {
    const q = '{ named { name ... on Car { model } ... on Person { car { model } } } }';
    const car = (name: string) => ({ __typename: 'Car', name, model: 'm' });
    const person = (name: string, withCar: boolean) => ({
      __typename: 'Person',
      name,
      car: withCar ? { model: 'x' } : null,
    });
    const items = [car('c'), person('p', true), car('d'), person('q', false)];
    // Each item weighs 1 (a Named); the Person with a car adds the Car's 4.
    expect(actual(q, { named: items })).toBe(1 + 5 + 1 + 1);
    expect(actual(q, { named: [...items].reverse() })).toBe(8);
    expect(actual(q, { named: [person('q', false), ...items] })).toBe(9);
  });

  it('grows with the items of nested lists, one by one', () => {
    const q = '{ people(ids: [1]) { friends { car { model } } } }';
    const friend = (withCar: boolean) => ({ car: withCar ? { model: 'x' } : null });
    const people = Array.from({ length: 50 }, (_, i) => ({
      friends: [friend(i % 2 === 0), friend(false)],
    }));
    // 50 people (1 each), 100 friends (1 each), 25 cars (4 each).
    expect(actual(q, { people })).toBe(50 + 100 + 25 * 4);
  });
});

describe('cost directives of a supergraph', () => {
  it('reads @cost and @listSize under the names the cost spec link gives them', () => {
    expect(directives.weights.get('Car')).toBe(4);
    expect(directives.weights.get('Query.report')).toBe(50);
    expect(directives.weights.get('Query.search(text:)')).toBe(3);
    expect(directives.listSizes.get('Query.search')).toEqual({
      slicingArguments: ['first', 'last'],
      sizedFields: ['nodes'],
    });
    expect(directives.listSizes.get('Query.people')).toEqual({
      assumedSize: 10,
      slicingArguments: [],
      sizedFields: [],
    });
  });
});

describe('the committed supergraph', () => {
  const sdl = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
  const served = costDirectives(sdl);

  it('sizes every list the departments serve, directly or as a connection’s nodes', () => {
    const api = buildSchema(sdl, { assumeValidSDL: true });
    const sized = new Set(served.listSizes.keys());
    for (const [coordinate, listSize] of served.listSizes) {
      const [type, field] = coordinate.split('.');
      const returned = api.getType(type ?? '');
      if (!isObjectType(returned) || !field) continue;
      const target = getNamedType(returned.getFields()[field]?.type);
      for (const name of listSize.sizedFields) sized.add(`${target?.name}.${name}`);
    }
    const unsized: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (!isObjectType(type) || /^(_|join__|link__)/.test(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
        const coordinate = `${type.name}.${field.name}`;
        if (list && !field.name.startsWith('_') && !sized.has(coordinate)) unsized.push(coordinate);
      }
    }
    expect(unsized).toEqual([]);
    expect(served.listSizes.get('Person.representedEntities')).toEqual({
      slicingArguments: ['first'],
      sizedFields: ['nodes'],
    });
    expect(served.weights.get('Query.searchLegalEntities')).toBe(10);
  });
});

// Apollo Server keeps one parsed document per query text: the figures kept for it must follow
// the variables they read, the data and the schema, and never serve one request's for another's.
describe('cost figures kept per document', () => {
  const FIRST =
    'query($n: Int, $s: Boolean = false) { search(first: $n) { nodes { name car @skip(if: $s) { model } } } }';

  it('costs the same document again for other page sizes and conditions, and reuses the rest', () => {
    const figures = createCostFigures();
    const { document, operation } = operationOf(FIRST);
    const estimate = (variables?: Record<string, unknown>) =>
      figures.estimate({ schema, document, operation, variables, directives });
    const cases: (Record<string, unknown> | undefined)[] = [
      { n: 3 },
      { n: 7 },
      { n: 3, s: true },
      { n: 7, s: true },
      { n: null },
      {},
      undefined,
      { n: '3' },
      { n: [3] },
      { n: 3 },
    ];
    // Twice through, in order: each answer is the uncached one for its own variables.
    for (const variables of [...cases, ...cases]) {
      expect(estimate(variables)).toBe(
        estimateCost({ schema, document, operation, variables, directives }),
      );
    }
    expect(estimate({ n: 3 })).toBe(1 + 3 * (1 + 4));
    expect(estimate({ n: 3, s: true })).toBe(1 + 3);
    expect(estimate({ n: 7 })).toBe(1 + 7 * (1 + 4));
    expect(estimate({})).toBe(1 + 20 * (1 + 4));
    // Sent as a string or a list, `first` sizes nothing, not even by its default: 100 nodes.
    expect(estimate({ n: '3' })).toBe(1 + 100 * (1 + 4));
    expect(estimate({ n: [3] })).toBe(1 + 100 * (1 + 4));
  });

  it('reads only the variables a figure can depend on', () => {
    const { document } = operationOf(FIRST);
    expect(variablesRead(document, directives)).toEqual(['n', 's']);
    const { document: byId } = operationOf(
      'query($id: ID!, $ids: [ID!]!) { person(id: $id) { name } people(ids: $ids) { name } }',
    );
    expect(variablesRead(byId, directives)).toEqual([]);
  });

  it('walks each answer it is given: other list lengths, other members, other conditions', () => {
    const figures = createCostFigures();
    const { document, operation } = operationOf(FIRST);
    const actual = (data: Record<string, unknown>, variables?: Record<string, unknown>) =>
      figures.actual({ schema, document, operation, variables, directives, data });
    const nodes = (n: number, car: boolean) =>
      Array.from({ length: n }, (_, i) => ({ name: `p${i}`, car: car ? { model: 'm' } : null }));
    expect(actual({ search: { nodes: nodes(2, true) } }, { n: 5 })).toBe(1 + 2 * (1 + 4));
    expect(actual({ search: { nodes: nodes(5, true) } }, { n: 5 })).toBe(1 + 5 * (1 + 4));
    expect(actual({ search: { nodes: nodes(5, false) } }, { n: 5 })).toBe(1 + 5);
    expect(actual({ search: null }, { n: 5 })).toBe(0);
    // Skipped, the car is not priced even when the answer holds one under that key.
    expect(actual({ search: { nodes: nodes(3, true) } }, { n: 5, s: true })).toBe(1 + 3);
    expect(actual({ search: { nodes: nodes(3, true) } }, { n: 5 })).toBe(1 + 3 * (1 + 4));
    const mixed = operationOf(
      '{ things { ... on Person { car { model } } ... on Car { model } } }',
    );
    const things = (items: Record<string, unknown>[]) =>
      figures.actual({ schema, ...mixed, variables: {}, directives, data: { things: items } });
    const person = { __typename: 'Person', car: { model: 'x' } };
    const car = { __typename: 'Car', model: 'y' };
    expect(things([person])).toBe(5);
    expect(things([car, car])).toBe(2);
    expect(things([car, person, car])).toBe(1 + 5 + 1);
  });

  it('costs the same document by the directives and schema of a reloaded supergraph', () => {
    const figures = createCostFigures();
    const { document, operation } = operationOf('{ people(ids: [1]) { name } others { id } }');
    const data = { people: [{ name: 'a' }], others: [{ id: 1 }, { id: 2 }] };
    expect(figures.estimate({ schema, document, operation, variables: {}, directives })).toBe(
      10 + 100,
    );
    expect(figures.actual({ schema, document, operation, variables: {}, directives, data })).toBe(
      3,
    );
    const reloadedSdl = SDL.replace(
      'others: [Person!]!',
      'others: [Person!]! @size(assumedSize: 4)',
    ).replace('type Person implements Named {', 'type Person implements Named @cost(weight: 3) {');
    const reloaded = buildSchema(reloadedSdl);
    const reloadedDirectives = costDirectives(reloadedSdl);
    const input = {
      schema: reloaded,
      document,
      operation,
      variables: {},
      directives: reloadedDirectives,
    };
    expect(figures.estimate(input)).toBe(10 * 3 + 4 * 3);
    expect(figures.actual({ ...input, data })).toBe(3 * 3);
    // New directives with the old schema object, as between a reload's two updates.
    const sameSchema = {
      schema,
      document,
      operation,
      variables: {},
      directives: reloadedDirectives,
    };
    expect(figures.estimate(sameSchema)).toBe(
      estimateCost({ schema, document, operation, variables: {}, directives: reloadedDirectives }),
    );
    // And back: the first supergraph's figures again.
    expect(figures.estimate({ schema, document, operation, variables: {}, directives })).toBe(110);
  });

  it('keeps one operation’s figures apart from another’s in the same document', () => {
    const figures = createCostFigures();
    const document = parse(
      'query A { report { total } } query B { person(id: 1) { car { model } } }',
    );
    const [a, b] = document.definitions as OperationDefinitionNode[];
    if (!a || !b) throw new Error('two operations expected');
    expect(figures.estimate({ schema, document, operation: a, variables: {}, directives })).toBe(
      50,
    );
    expect(figures.estimate({ schema, document, operation: b, variables: {}, directives })).toBe(5);
    expect(figures.estimate({ schema, document, operation: a, variables: {}, directives })).toBe(
      50,
    );
  });
});
