import { nationalIdCheckChar } from '@govgraph/schema';
import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { canonicalScalarValue } from '../src/access/inputScalarValues.js';
import { argumentSubjects, dataSubjects } from '../src/audit/operationSubjects.js';
import { LANTERN, LI, TEA, WANG, ZHANG } from './support/identities.js';

const nid = (first17: string) => `${first17}${nationalIdCheckChar(first17)}`;

// An API schema as the gateway sees it: the identifier scalars, a union, an input object.
const schema = buildSchema(`
  scalar NationalId
  scalar CreditCode
  type Query {
    person(nationalId: NationalId!): Person
    people(nationalIds: [NationalId!]!): [Person!]!
    owner(certificate: String!): Owner
    note: String
  }
  type Mutation {
    fileComplaint(input: ComplaintInput!): Complaint!
  }
  input ComplaintInput {
    complainantNationalId: NationalId!
    againstCreditCode: CreditCode!
    description: String!
  }
  type Complaint { id: ID! complainant: Person }
  union Owner = Person | LegalEntity
  type Person { nationalId: NationalId! name: String! spouse: Person formerIds: [NationalId!]! }
  type LegalEntity { creditCode: CreditCode! name: String! }
`);

function collect(
  query: string,
  variables: Record<string, unknown> | undefined,
  data: unknown,
): { args: string[]; data: string[] } {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (!operation) throw new Error('no operation');
  const args = new Set<string>();
  const found = new Set<string>();
  argumentSubjects(schema, document, operation, variables, args);
  dataSubjects(schema, document, operation, data, found);
  return { args: [...args].sort(), data: [...found].sort() };
}

describe('subjects named by an operation and its answer', () => {
  it('finds identifiers in literal and variable arguments, lists included', () => {
    const result = collect(
      `query($ids: [NationalId!]!, $one: NationalId!) {
        a: person(nationalId: "${WANG}") { name }
        b: person(nationalId: $one) { name }
        people(nationalIds: $ids) { name }
      }`,
      { ids: [LI], one: ZHANG },
      null,
    );
    expect(result.args).toEqual([LI, WANG, ZHANG].sort());
  });

  it('finds identifiers inside input objects, as literals and as variables', () => {
    const literal = collect(
      `mutation { fileComplaint(input: { complainantNationalId: "${WANG}", againstCreditCode: "${TEA}", description: "x" }) { id } }`,
      undefined,
      null,
    );
    expect(literal.args).toEqual([TEA, WANG].sort());
    const variable = collect(
      'mutation($input: ComplaintInput!) { fileComplaint(input: $input) { id } }',
      { input: { complainantNationalId: LI, againstCreditCode: LANTERN, description: 'x' } },
      null,
    );
    expect(variable.args).toEqual([LANTERN, LI].sort());
  });

  it('ignores other string arguments', () => {
    expect(
      collect(`{ owner(certificate: "${WANG}") { __typename } }`, undefined, null).args,
    ).toEqual([]);
  });

  it('finds identifiers in the data through aliases, fragments, unions and lists', () => {
    const result = collect(
      `query {
        p: person(nationalId: "${WANG}") { id: nationalId ...Spouse }
        owner(certificate: "c") { ... on LegalEntity { code: creditCode } ... on Person { name } }
        note
      }
      fragment Spouse on Person { spouse { nationalId formerIds } }`,
      undefined,
      {
        p: { id: WANG, spouse: { nationalId: LI, formerIds: [ZHANG] } },
        owner: { code: TEA },
        note: nid('11010519491231001'),
      },
    );
    // `note` is a String, not an identifier, whatever it looks like.
    expect(result.data).toEqual([LI, TEA, WANG, ZHANG].sort());
  });

  it('finds nothing in data that is null or absent', () => {
    expect(
      collect(`{ person(nationalId: "${WANG}") { nationalId } }`, undefined, { person: null }).data,
    ).toEqual([]);
    expect(
      collect(`{ person(nationalId: "${WANG}") { nationalId } }`, undefined, undefined).data,
    ).toEqual([]);
  });
});

// The arguments are found once per document (Apollo keeps one per query text) and schema: each
// request's variables must still name its own subjects, and a reloaded schema its own types.
describe('subjects named by the same document, request after request', () => {
  const document = parse(`
    query($one: NationalId!, $ids: [NationalId!]!, $input: ComplaintInput!) {
      person(nationalId: $one) { name }
      people(nationalIds: $ids) { name }
      ...Spouse
    }
    fragment Spouse on Query { again: person(nationalId: "${ZHANG}") { name } }
    mutation File($input: ComplaintInput!) { fileComplaint(input: $input) { id } }
  `);
  const [query, mutation] = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (!query || !mutation) throw new Error('two operations expected');
  const named = (
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    scalars?: ReadonlySet<string>,
    on = schema,
  ) => {
    const into = new Set<string>();
    argumentSubjects(on, document, operation, variables, into, scalars);
    return [...into].sort();
  };

  it('names each request’s own subjects, by the scalars asked for', () => {
    expect(named(query, { one: WANG, ids: [LI] })).toEqual([LI, WANG, ZHANG].sort());
    expect(named(query, { one: LI, ids: [] })).toEqual([LI, ZHANG].sort());
    expect(named(query, { ids: [WANG, LI] })).toEqual([LI, WANG, ZHANG].sort());
    const input = { complainantNationalId: LI, againstCreditCode: LANTERN, description: 'x' };
    expect(named(mutation, { input })).toEqual([LANTERN, LI, ZHANG].sort());
    expect(named(mutation, { input }, new Set(['CreditCode']))).toEqual([LANTERN]);
    expect(named(mutation, { input }, new Set(['NationalId']))).toEqual([LI, ZHANG].sort());
    expect(named(mutation, { input: { ...input, againstCreditCode: TEA } })).toEqual(
      [LI, TEA, ZHANG].sort(),
    );
  });

  it('finds each answer’s own subjects in the data', () => {
    const listed = parse(`
      query($ids: [NationalId!]!) {
        people(nationalIds: $ids) { nationalId ...Spouse }
        owner(certificate: "c") { ... on LegalEntity { code: creditCode } ... on Person { nationalId } }
      }
      fragment Spouse on Person { spouse { nationalId formerIds } }
    `);
    const [operation] = listed.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    );
    if (!operation) throw new Error('an operation expected');
    const found = (data: unknown) => {
      const into = new Set<string>();
      dataSubjects(schema, listed, operation, data, into);
      return [...into].sort();
    };
    const person = (id: string, spouse: string | null = null) => ({
      nationalId: id,
      spouse: spouse ? { nationalId: spouse, formerIds: [] } : null,
    });
    expect(found({ people: [person(WANG, LI)], owner: { code: TEA } })).toEqual(
      [LI, TEA, WANG].sort(),
    );
    expect(found({ people: [person(ZHANG), person(LI)], owner: { nationalId: WANG } })).toEqual(
      [LI, WANG, ZHANG].sort(),
    );
    expect(found({ people: [], owner: null })).toEqual([]);
    expect(found({ people: [person(LI, ZHANG)], owner: { code: LANTERN } })).toEqual(
      [LANTERN, LI, ZHANG].sort(),
    );
  });

  it('reads the argument types of the schema it is given', () => {
    // The same document against a schema where a person is found by a plain string.
    const plain = buildSchema(`
      scalar NationalId
      scalar CreditCode
      type Query { person(nationalId: String!): Person people(nationalIds: [NationalId!]!): [Person!]! }
      type Mutation { fileComplaint(input: ComplaintInput!): Complaint! }
      input ComplaintInput { complainantNationalId: String! againstCreditCode: CreditCode! description: String! }
      type Complaint { id: ID! }
      type Person { name: String! }
    `);
    expect(named(query, { one: WANG, ids: [LI] }, undefined, plain)).toEqual([LI]);
    expect(named(query, { one: WANG, ids: [LI] })).toEqual([LI, WANG, ZHANG].sort());
    const input = { complainantNationalId: LI, againstCreditCode: LANTERN, description: 'x' };
    expect(named(mutation, { input }, undefined, plain)).toEqual([LANTERN]);
  });
});

describe('canonical subject values', () => {
  it('reads each text as the scalar does, again and again', () => {
    // A check character X typed lower-case.
    const lower = '11010519491230018x';
    expect(nationalIdCheckChar('11010519491230018')).toBe('X');
    for (let i = 0; i < 3; i++) {
      expect(canonicalScalarValue('NationalId', lower)).toBe('11010519491230018X');
      expect(canonicalScalarValue('NationalId', WANG)).toBe(WANG);
      // Refused by the scalar: as given.
      expect(canonicalScalarValue('NationalId', 'not an id')).toBe('not an id');
      expect(canonicalScalarValue('NationalId', 42)).toBe(42);
      expect(canonicalScalarValue('NoSuchScalar', 'x')).toBe('x');
    }
  });
});
