import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { classificationIndex } from '../src/access/classificationIndex.js';
import { collectOperation } from '../src/access/collectOperation.js';
import { judgeCitizenSubjects, judgeCoordinates } from '../src/access/policy.js';

import { residents, taxes } from './support/departments/accessDepartments.js';
import { CITY_TAX, composeSupergraph, LI, MemoryRegistry, WANG } from './support/index.js';

const schema = buildSchema(`
  scalar NationalId
  type Query {
    person(nationalId: NationalId!): Person
    people(filter: PeopleFilter!): [Person!]!
    notices: [Notice!]!
  }
  input PeopleFilter { nationalIds: [NationalId!]!, note: String }
  interface Notice { title: String! issuedTo: NationalId }
  type Penalty implements Notice { title: String! issuedTo: NationalId amount: String! }
  type Award implements Notice { title: String! issuedTo: NationalId prize: String! }
  type Person { nationalId: NationalId! name: String! health: String! taxDue: String! }
`);

const plan = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (!operation) throw new Error('no operation');
  return collectOperation(schema, document, operation);
};

describe('collecting the coordinates an operation asks for', () => {
  it('follows aliases, fragments (nested), inline fragments and fields under @include/@skip whatever the variables', () => {
    const { coordinates, introspection } = plan(`
      query Q($no: Boolean!) {
        who: person(nationalId: "${WANG}") { ...Health alsoName: name @include(if: $no) }
        notices { __typename ... on Penalty { amount } }
      }
      fragment Health on Person { health ...Tax }
      fragment Tax on Person { taxDue @skip(if: true) }
    `);
    expect(coordinates).toEqual([
      'Penalty.amount',
      'Person.health',
      'Person.name',
      'Person.taxDue',
      'Query.notices',
      'Query.person',
    ]);
    expect(introspection).toBe(false);
  });

  it('counts a field selected through an interface for the interface and every implementation', () => {
    expect(plan('{ notices { title issuedTo } }').coordinates).toEqual([
      'Award.issuedTo',
      'Award.title',
      'Notice.issuedTo',
      'Notice.title',
      'Penalty.issuedTo',
      'Penalty.title',
      'Query.notices',
    ]);
  });

  it('leaves __typename free and notes introspection apart from data', () => {
    expect(plan('{ __typename __schema { types { name } } }')).toEqual({
      coordinates: [],
      introspection: true,
      nationalIds: [],
    });
    expect(
      plan('{ __type(name: "Person") { name } person(nationalId: "x") { name } }'),
    ).toMatchObject({
      coordinates: ['Person.name', 'Query.person'],
      introspection: true,
    });
  });

  it('finds every NationalId argument: literal, variable, inside input objects and lists', () => {
    const { nationalIds } = plan(`
      query($id: NationalId!, $filter: PeopleFilter!, $one: NationalId!) {
        a: person(nationalId: "${WANG}") { name }
        b: person(nationalId: $id) { name }
        c: people(filter: $filter) { name }
        d: people(filter: { nationalIds: ["${LI}", $one], note: "${LI}x" }) { name }
      }
    `);
    expect(nationalIds.map((s) => (s.kind === 'literal' ? s.value : `$${s.name}`))).toEqual([
      WANG,
      '$id',
      '$filter',
      LI,
      '$one',
    ]);
  });
});

describe('the classification of each coordinate, from the supergraph', () => {
  const index = classificationIndex(
    composeSupergraph([
      { ...residents, url: 'http://residents/graphql' },
      { ...taxes, url: 'http://taxes/graphql' },
    ]),
    'CONFIDENTIAL',
  );

  it("takes the field's own level, else its type's, across subgraphs", () => {
    expect(
      [
        'Query.person',
        'Query.people',
        'Person.name',
        'Person.nationalId',
        'Person.district',
        'Person.health',
        'Person.taxDue',
        'Notice.title',
        'Notice.issuedTo',
        'Award.prize',
      ].map((c) => [c, index.levelOf(c)]),
    ).toEqual([
      ['Query.person', 'PUBLIC'],
      ['Query.people', 'INTERNAL'],
      ['Person.name', 'PERSONAL'],
      ['Person.nationalId', 'PERSONAL'],
      ['Person.district', 'INTERNAL'],
      ['Person.health', 'SENSITIVE'],
      ['Person.taxDue', 'CONFIDENTIAL'],
      ['Notice.title', 'PUBLIC'],
      ['Notice.issuedTo', 'PERSONAL'],
      ['Award.prize', 'INTERNAL'],
    ]);
  });

  it('reads the directive under the name the supergraph imports it as', () => {
    const renamed = classificationIndex(
      `schema @link(url: "https://specs.apollo.dev/link/v1.0")
         @link(url: "https://specs.govgraph.gov.example/standards/v1.0", import: [{ name: "@classification", as: "@level" }]) { query: Query }
       type Query @level(level: INTERNAL) { a: String b: String @level(level: SENSITIVE) c: String @classification(level: PUBLIC) }`,
      'CONFIDENTIAL',
    );
    expect(['Query.a', 'Query.b', 'Query.c', 'Query.zzz'].map((c) => renamed.levelOf(c))).toEqual([
      'INTERNAL',
      'SENSITIVE',
      'INTERNAL',
      'CONFIDENTIAL',
    ]);
  });

  describe('the rules per level', () => {
    const registry = new MemoryRegistry()
      .addAgency(CITY_TAX)
      .addPurpose('tax-assessment')
      .addPurpose('unrelated')
      .grant('city-tax', 'tax-assessment', ['Person.name', 'Person.health', 'Person.taxDue'])
      .setCitizenCoordinates(['Query.person', 'Person.*']);
    const agency = {
      kind: 'agency' as const,
      agencyId: 'city-tax',
      name: 'City tax',
      roles: [],
      credential: 'api-key' as const,
    };
    const none = { purpose: null, caseId: null, operatorId: null };
    const all = [
      'Query.person',
      'Person.district',
      'Person.name',
      'Person.health',
      'Person.taxDue',
    ];
    const reasons = (denied: { coordinate: string; reason: string }[]) =>
      Object.fromEntries(denied.map((d) => [d.coordinate, d.reason]));

    it('anonymous callers read PUBLIC only', () => {
      expect(
        judgeCoordinates(all, index, { kind: 'anonymous' }, none, registry).map((d) => [
          d.coordinate,
          d.level,
        ]),
      ).toEqual([
        ['Person.district', 'INTERNAL'],
        ['Person.name', 'PERSONAL'],
        ['Person.health', 'SENSITIVE'],
        ['Person.taxDue', 'CONFIDENTIAL'],
      ]);
    });

    it('an agency reads INTERNAL freely, and the rest only under a registered purpose it holds a grant for', () => {
      expect(reasons(judgeCoordinates(all, index, agency, none, registry))).toEqual({
        'Person.name': 'PERSONAL data needs a purpose: send X-Purpose',
        'Person.health': 'SENSITIVE data needs a purpose: send X-Purpose',
        'Person.taxDue': 'CONFIDENTIAL data needs a purpose: send X-Purpose',
      });
      const unknown = { ...none, purpose: 'fishing' };
      expect(reasons(judgeCoordinates(['Person.name'], index, agency, unknown, registry))).toEqual({
        'Person.name': 'purpose "fishing" is not registered',
      });
      const other = { ...none, purpose: 'unrelated' };
      expect(reasons(judgeCoordinates(['Person.name'], index, agency, other, registry))).toEqual({
        'Person.name': 'agency city-tax holds no grant for it under purpose "unrelated"',
      });
      const granted = { ...none, purpose: 'tax-assessment' };
      expect(reasons(judgeCoordinates(all, index, agency, granted, registry))).toEqual({
        'Person.health':
          'SENSITIVE data needs a case number (X-Case-Id) and the acting official (X-Operator-Id)',
      });
    });

    it('SENSITIVE needs both a case number and an operator', () => {
      const base = { purpose: 'tax-assessment', caseId: 'TAX-1', operatorId: null };
      expect(reasons(judgeCoordinates(['Person.health'], index, agency, base, registry))).toEqual({
        'Person.health': 'SENSITIVE data needs the acting official (X-Operator-Id)',
      });
      const full = { ...base, operatorId: 'officer-7' };
      expect(judgeCoordinates(['Person.health'], index, agency, full, registry)).toEqual([]);
    });

    it('a grant for Type.* covers every field of the type', () => {
      const wide = new MemoryRegistry().addPurpose('p').grant('city-tax', 'p', ['Person.*']);
      const declared = { purpose: 'p', caseId: 'c', operatorId: 'o' };
      expect(judgeCoordinates(all, index, agency, declared, wide)).toEqual([]);
    });

    it('a citizen reads PUBLIC and the citizen coordinates, about themself only', () => {
      const citizen = { kind: 'citizen' as const, nationalId: WANG };
      expect(judgeCoordinates([...all, 'Query.people'], index, citizen, none, registry)).toEqual([
        {
          coordinate: 'Query.people',
          level: 'INTERNAL',
          reason: 'not readable with a citizen token',
        },
      ]);
      const sources = plan(
        `query($f: PeopleFilter!) { person(nationalId: "${WANG}") { name } people(filter: $f) { name } }`,
      ).nationalIds;
      expect(judgeCitizenSubjects(WANG, sources, { f: { nationalIds: [WANG] } }, index)).toEqual(
        [],
      );
      expect(
        judgeCitizenSubjects(WANG, sources, { f: { nationalIds: [WANG, LI] } }, index),
      ).toEqual([
        {
          coordinate: 'Query.people',
          level: 'INTERNAL',
          reason: 'a citizen may ask only about their own national ID',
        },
      ]);
    });

    it('a citizen’s NationalId variable not sent counts with its default', () => {
      const sources = plan(
        `query($f: PeopleFilter! = { nationalIds: ["${LI}"] }) { people(filter: $f) { name } }`,
      ).nationalIds;
      const denied = judgeCitizenSubjects(WANG, sources, {}, index).map((d) => d.coordinate);
      expect(denied).toEqual(['Query.people']);
      const sent = { f: { nationalIds: [WANG] } };
      expect(judgeCitizenSubjects(WANG, sources, sent, index)).toEqual([]);
    });
  });
});
