import { readFileSync } from 'node:fs';
import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { collectCitizenPaths, judgeCitizenPaths } from '../src/access/citizenPaths.js';
import { classificationIndex } from '../src/access/classificationIndex.js';
import { dataSubjectTypes } from '../src/access/dataSubjectTypes.js';
import { LI, WANG } from './support/index.js';

// The walk runs on the real composed supergraph: persons, companies, unions of both,
// connections and entity references between departments, as the gateway sees them.
const supergraphSdl = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
const subjects = dataSubjectTypes(supergraphSdl);
const index = classificationIndex(supergraphSdl, 'CONFIDENTIAL');
const CREDIT_CODE = '91110000100000000X';

/** What a citizen signed in as WANG is refused: the denied coordinates, sorted. */
const refused = (query: string, variables: Record<string, unknown> = {}): string[] => {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (!operation) throw new Error('no operation');
  const paths = collectCitizenPaths(schema, document, operation, subjects);
  return judgeCitizenPaths(WANG, paths, variables, index).map((d) => d.coordinate);
};

describe('the data-subject types of a supergraph', () => {
  it('are the entities keyed by a NationalId field: persons, not companies or buildings', () => {
    expect([...subjects]).toEqual(['Person']);
  });

  it('follow the key, whatever the type is called and however the key is written', () => {
    const sdl = `
      scalar NationalId
      scalar CreditCode
      type Resident @join__type(graph: A, key: "citizenNo") @join__type(graph: B, key: "citizenNo kind")
        { citizenNo: NationalId! kind: String }
      type Firm @join__type(graph: A, key: "code") { code: CreditCode! }
      type Note @join__type(graph: A) { about: NationalId }
    `;
    expect([...dataSubjectTypes(sdl)]).toEqual(['Resident']);
  });
});

describe('what a citizen may read: their own record only', () => {
  it('allows the own record with the objects nested under it, but no other person in it', () => {
    expect(
      refused(`{
        person(nationalId: "${WANG}") {
          nationalId name birthDate
          householdRegistration { address householdNumber }
          taxProfile { hasArrears years(last: 3) { year taxPaid } }
          accessLog(first: 5) { totalCount nodes { purpose at } }
          representedEntities(first: 5) { totalCount nodes { name creditCode } }
          spouse { __typename }
        }
      }`),
    ).toEqual([]);
  });

  it('refuses the spouse, parents and children reached from the own record', () => {
    expect(
      refused(`{
        person(nationalId: "${WANG}") {
          name
          spouse { name }
          parents { nationalId }
          children { birthDate householdRegistration { address } }
        }
      }`),
    ).toEqual([
      'HouseholdRegistration.address',
      'Person.birthDate',
      'Person.householdRegistration',
      'Person.name',
      'Person.nationalId',
    ]);
  });

  it('refuses a legal representative reached through a company (market → population)', () => {
    expect(
      refused(
        `{ legalEntity(creditCode: "${CREDIT_CODE}") { name legalRepresentative { nationalId name } } }`,
      ),
    ).toEqual(['Person.name', 'Person.nationalId']);
  });

  it('refuses people reached through search lists and connections, even from the own record', () => {
    expect(
      refused(
        '{ searchLegalEntities(name: "有限", first: 100) { nodes { name legalRepresentative { name } } } }',
      ),
    ).toEqual(['Person.name']);
    expect(
      refused(`{
        person(nationalId: "${WANG}") {
          representedEntities { nodes { legalRepresentative { gender } } }
        }
      }`),
    ).toEqual(['Person.gender']);
  });

  it('leaves PUBLIC fields readable under a stranger and __typename free', () => {
    expect(
      refused(`{
        searchLegalEntities(name: "有限") {
          totalCount nodes { __typename creditCode name legalRepresentative { __typename } }
        }
      }`),
    ).toEqual([]);
  });

  it('follows named fragments, nested fragments and aliases in every place they are spread', () => {
    expect(
      refused(`
        query {
          me: person(nationalId: "${WANG}") { ...Who }
          company: legalEntity(creditCode: "${CREDIT_CODE}") { boss: legalRepresentative { ...Who } }
        }
        fragment Who on Person { alias: name ...Born }
        fragment Born on Person { birthDate }
      `),
    ).toEqual(['Person.birthDate', 'Person.name']);
    expect(
      refused(`{ ...Root } fragment Root on Query { person(nationalId: "${LI}") { name } }`),
    ).toEqual(['Person.name', 'Query.person']);
  });

  it('refuses persons inside unions (title owners, applicants) whatever the inline fragment', () => {
    expect(
      refused(`{
        person(nationalId: "${WANG}") {
          realEstate { nodes { owners { share owner { ... on Person { name } ... on LegalEntity { name } } } } }
          applications { nodes { applicant { __typename ... on Person { birthDate } } } }
        }
      }`),
    ).toEqual(['Person.birthDate', 'Person.name']);
  });

  it('counts fields under @include/@skip whatever the variables say', () => {
    expect(
      refused(
        `query($no: Boolean! = false) {
          legalEntity(creditCode: "${CREDIT_CODE}") { legalRepresentative { name @include(if: $no) } }
        }`,
        { no: false },
      ),
    ).toEqual(['Person.name']);
  });

  it('treats a record as own only when the ID sent, or the default of one not sent, is the caller’s', () => {
    const query = 'query($id: NationalId! = "__DEFAULT__") { person(nationalId: $id) { name } }';
    const withDefault = (id: string) => query.replace('__DEFAULT__', id);
    const denied = ['Person.name', 'Query.person'];
    expect(refused(withDefault(LI))).toEqual(denied);
    expect(refused(withDefault(WANG))).toEqual([]);
    expect(refused(withDefault(LI), { id: WANG })).toEqual([]);
    expect(refused(withDefault(WANG), { id: LI })).toEqual(denied);
    expect(refused(withDefault(WANG), { id: null })).toEqual(denied);
    const noDefault = 'query($id: NationalId) { person(nationalId: $id) { name } }';
    expect(refused(noDefault)).toEqual(denied);
  });

  it('treats several IDs as own only when every one is the caller’s', () => {
    const query = 'query($ids: [NationalId!]!) { people(nationalIds: $ids) { name } }';
    expect(refused(query, { ids: [WANG, WANG] })).toEqual([]);
    expect(refused(query, { ids: [WANG, LI] })).toEqual(['Person.name', 'Query.people']);
    expect(refused(query, { ids: [] })).toEqual(['Person.name', 'Query.people']);
    expect(refused(`{ people(nationalIds: ["${WANG}", "${LI}"]) { name } }`)).toHaveLength(2);
  });

  it('judges each root field on its own: one own record does not open another', () => {
    expect(
      refused(
        `{ a: person(nationalId: "${WANG}") { name } b: person(nationalId: "${LI}") { gender } }`,
      ),
    ).toEqual(['Person.gender', 'Query.person']);
  });

  it('takes a mutation naming the caller as their own, and one naming another person as not', () => {
    const mutation = (id: string) => `mutation {
      fileComplaint(input: { complainantNationalId: "${id}", againstCreditCode: "${CREDIT_CODE}", category: PRODUCT_QUALITY, description: "x" }) {
        id status
      }
    }`;
    expect(refused(mutation(WANG))).toEqual([]);
    expect(refused(mutation(LI))).toEqual(['Complaint.id', 'Mutation.fileComplaint']);
  });
});
