import { buildSchema, type GraphQLSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  cachedCallerValidation,
  callerValidationErrors,
  concealedValidationError,
  showCallerValidationErrors,
} from '../src/access/callerValidation.js';
import { readableSchema } from '../src/access/readableSchema.js';
import { silentLogger } from './support/index.js';

const silent = silentLogger();
const full = buildSchema(`
  scalar NationalId
  type Query {
    person(nationalId: NationalId!): Person
    legalEntity(creditCode: String!): LegalEntity
    notices(kind: NoticeKind): [Notice!]!
  }
  enum NoticeKind { PENALTY AWARD }
  type Notice { title: String! kind: NoticeKind! }
  type LegalEntity { creditCode: String! name: String! legalRepresentative: Person }
  type Person {
    nationalId: NationalId!
    name: String!
    birthDate: String!
    taxProfile: PersonTaxProfile
  }
  type PersonTaxProfile { taxDue: String! }
  enum ReviewDecision { APPROVE REJECT }
  input ReviewInput { decision: ReviewDecision! note: String }
  type Mutation { recordReview(applicationId: ID!, input: ReviewInput!): Boolean! }
`);

const PUBLIC = [
  'Query.legalEntity',
  'Query.notices',
  'Notice.title',
  'Notice.kind',
  'LegalEntity.creditCode',
  'LegalEntity.name',
];
const anonymous = readableSchema(full, (c) => PUBLIC.includes(c));
// An agency granted a person's name and birth date, and their company's representative.
const GRANTED = [...PUBLIC, 'Query.person', 'Person.name', 'Person.birthDate'];
const granted = readableSchema(full, (c) =>
  [...GRANTED, 'LegalEntity.legalRepresentative'].includes(c),
);

/** The text a caller reading `readable` is shown for `query`, which the full schema refuses too. */
const shown = (readable: GraphQLSchema, query: string): string => {
  const document = parse(query);
  expect(validate(full, document).length).toBeGreaterThan(0);
  return callerValidationErrors(readable, document)
    .map((e) => e.message)
    .join('\n');
};

const HIDDEN = [
  'birthDate',
  'PersonTaxProfile',
  'recordReview',
  'Person',
  'ReviewInput',
  'APPROVE',
];
// Whole words: a caller's own `PersonTaxProfil` echoed back discloses nothing.
const expectNoneOf = (text: string, hidden: readonly string[]) => {
  for (const name of hidden) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
};

describe('validation errors shown to a caller', () => {
  it('suggest no hidden field to an anonymous caller, where the full schema would', () => {
    const query = '{ person(nationalId: "x") { birthDat } }';
    expect(validate(full, parse(query))[0]?.message).toContain('"birthDate"');
    const text = shown(anonymous, query);
    expect(text).toBe('Cannot query field "person" on type "Query".');
  });

  it('name no hidden type reached through a visible field (an unknown field under legalRepresentative)', () => {
    const text = shown(
      anonymous,
      '{ legalEntity(creditCode: "x") { legalRepresentative { nam } } }',
    );
    expectNoneOf(text, HIDDEN);
    expect(text).toContain('Cannot query field "legalRepresentative" on type "LegalEntity".');
  });

  it('name no hidden type in fragments, inline fragments or variable types', () => {
    expectNoneOf(
      shown(anonymous, '{ notices { title ...f } } fragment f on PersonTaxProfil { taxDue }'),
      HIDDEN,
    );
    expectNoneOf(
      shown(anonymous, '{ legalEntity(creditCode: "x") { ... on Perso { name } } }'),
      HIDDEN,
    );
    const variables = shown(anonymous, 'query ($i: ReviewInpu) { notices { title } }');
    expect(variables).toBe('Unknown type "ReviewInpu".\nVariable "$i" is never used.');
  });

  it('name no hidden type or enum value through variable defaults', () => {
    for (const query of [
      'query ($i: ReviewInput = { decision: APPROV }) { notices { title } }',
      'query ($d: ReviewDecisio = APPROV) { notices { title } }',
      'query ($k: NoticeKind = PENALTY, $i: ReviewInput) { notices(kind: $k) { title } }',
    ]) {
      const text = shown(anonymous, query);
      expect(text).toMatch(/Unknown type "ReviewInput"|Unknown type "ReviewDecisio"/);
      expectNoneOf(text, ['APPROVE', 'ReviewDecision', 'decision']);
    }
    // A visible enum's values are suggested, as introspection would list them.
    expect(
      shown(anonymous, 'query ($k: NoticeKind = PENALT) { notices(kind: $k) { title } }'),
    ).toContain('Did you mean the enum value "PENALTY"?');
  });

  it('name no hidden mutation, argument or enum value when the Mutation type is hidden', () => {
    for (const query of [
      'mutation { recordRevie }',
      'mutation { recordReview(applicationId: "1", input: { decision: APPROV }) }',
      'mutation { recordReview(applicationI: "1", input: { decision: APPROVE }) }',
    ]) {
      expect(shown(anonymous, query)).toBe(
        "This caller's schema has no mutation operations; send a query.",
      );
    }
  });

  it('suggest no hidden argument of a visible field', () => {
    const text = shown(anonymous, '{ person(nationalI: "x") { name } }');
    expect(text).not.toContain('nationalId');
    expect(text).not.toContain('Person');
  });

  it('give a granted agency suggestions for what it may read, and none for what it may not', () => {
    expect(shown(granted, '{ person(nationalId: "x") { birthDat } }')).toContain(
      'Did you mean "birthDate"?',
    );
    expect(shown(granted, '{ person(nationalI: "x") { name } }')).toContain(
      'Did you mean "nationalId"?',
    );
    const tax = shown(granted, '{ person(nationalId: "x") { taxProfil { taxDue } } }');
    expect(tax).toBe('Cannot query field "taxProfil" on type "Person".');
    expectNoneOf(tax, ['taxProfile', 'PersonTaxProfile']);
  });

  it('are not bypassed by aliases or fragments', () => {
    const text = shown(
      anonymous,
      `{ notices { t: title } c: legalEntity(creditCode: "x") { ...L } }
       fragment L on LegalEntity { n: name r: legalRepresentative { ...P } }
       fragment P on Person { birthDat }`,
    );
    // `Person` is the caller's own word here ("Unknown type"); nothing else is named.
    expect(text).toBe(
      'Cannot query field "legalRepresentative" on type "LegalEntity".\nUnknown type "Person".',
    );
    const agency = shown(
      granted,
      `{ legalEntity(creditCode: "x") { legalRepresentative { ...P } } }
       fragment P on Person { b: birthDat ... on Person { taxProfil } }`,
    );
    expect(agency).toContain('Did you mean "birthDate"?');
    expectNoneOf(agency, ['taxProfile', 'PersonTaxProfile', 'nationalId']);
  });

  it('still fail, naming nothing, when the readable schema finds nothing wrong', () => {
    // A document the full schema refuses but the readable one accepts cannot come from a
    // pruned schema; forge one to prove the fallback does not let it through.
    const accepts = buildSchema('type Query { hello: String }');
    const errors = callerValidationErrors(accepts, parse('{ hello }'));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('are remembered per readable schema and document', () => {
    const validation = cachedCallerValidation();
    const document = parse('{ person(nationalId: "x") { birthDat } }');
    const first = validation(anonymous, 'hash-1', document);
    expect(validation(anonymous, 'hash-1', document)).toBe(first);
    expect(validation(granted, 'hash-1', document)).not.toBe(first);
    expect(validation(granted, 'hash-1', document)[0]?.message).toContain('"birthDate"');
  });

  it('replace the errors Apollo is about to send, in the same array', () => {
    const sent: readonly Error[] = validate(
      full,
      parse('{ person(nationalId: "x") { birthDat } }'),
    );
    const document = parse('{ nope }');
    showCallerValidationErrors(sent, () => callerValidationErrors(anonymous, document), silent);
    expect(sent.map((e) => e.message)).toEqual(['Cannot query field "nope" on type "Query".']);
  });

  it('conceal every name when validating for the caller fails', () => {
    const sent: readonly Error[] = validate(
      full,
      parse('{ person(nationalId: "x") { birthDat } }'),
    );
    showCallerValidationErrors(
      sent,
      () => {
        throw new Error('the access policy has no supergraph yet');
      },
      silent,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expectNoneOf(sent[0]?.message ?? '', [...HIDDEN, 'person', 'birthDat']);
  });

  it('leave a document that passed validation alone', () => {
    const sent: Error[] = [];
    showCallerValidationErrors(sent, () => [concealedValidationError()], silent);
    showCallerValidationErrors(undefined, () => [concealedValidationError()], silent);
    expect(sent).toEqual([]);
  });
});
