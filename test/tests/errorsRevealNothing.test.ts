import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';
import { type CallerHeaders, callerHeaders } from './support/testHub.js';

const DESK = 'leaks-desk';
const HIDDEN = [
  'birthDate',
  'PersonTaxProfile',
  'recordReview',
  'Person',
  'ReviewDecision',
  'APPROVE',
];

interface Answer {
  status: number;
  text: string;
}

/** Whole words only: the caller's own `PersonTaxProfil` echoed back discloses nothing. */
const expectNoHiddenName = (text: string) => {
  for (const name of HIDDEN) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
};

interface ErrorBody {
  errors?: { message: string; extensions?: { code?: unknown } }[];
}
const codesOf = (text: string): unknown[] =>
  ((JSON.parse(text) as ErrorBody).errors ?? []).map((e) => e.extensions?.code);
const messagesOf = (text: string): string[] =>
  ((JSON.parse(text) as ErrorBody).errors ?? []).map((e) => e.message);

describe('validation errors reveal nothing the caller may not read', () => {
  let t: AccessHub;
  let reproductions: string[];

  beforeAll(async () => {
    t = await startAccessHub([
      {
        id: DESK,
        purpose: 'LEAKS_DESK',
        coordinates: ['Query.person', 'Person.name', 'Person.birthDate'],
      },
    ]);
    const person = t.world.person(7).nationalId;
    const company = t.world.company(3).creditCode;
    reproductions = [
      `{ person(nationalId: "${person}") { birthDat } }`,
      `{ legalEntity(creditCode: "${company}") { name ...f } } fragment f on PersonTaxProfil { year }`,
      'mutation { recordRevie }',
      `{ legalEntity(creditCode: "${company}") { legalRepresentative { nam } } }`,
      // A variable default in a hidden input type, with a misspelled hidden enum value.
      `query ($r: RecordReviewInput = { decision: APPROV }) { legalEntity(creditCode: "${company}") { name } }`,
    ];
  });
  afterAll(async () => {
    await t?.stop();
  });

  const send = async (caller: CallerHeaders, init: RequestInit, search = ''): Promise<Answer> => {
    const res = await fetch(`${t.hub.graphqlUrl}${search}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...callerHeaders(caller), ...init.headers },
    });
    return { status: res.status, text: await res.text() };
  };
  const post = (caller: CallerHeaders, query: string) =>
    send(caller, { method: 'POST', body: JSON.stringify({ query }) });
  const get = (caller: CallerHeaders, query: string) =>
    send(
      caller,
      // Apollo's CSRF prevention lets a GET through only with a preflight-forcing header.
      { method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
      `?${new URLSearchParams({ query })}`,
    );

  it('names no hidden field, type or mutation to an anonymous caller (POST)', async () => {
    const told: string[] = [];
    for (const query of reproductions) {
      const { status, text } = await post({}, query);
      expect(status, query).toBe(400);
      expect(codesOf(text), query).toContain('GRAPHQL_VALIDATION_FAILED');
      expectNoHiddenName(text);
      told.push(messagesOf(text)[0] ?? '');
    }
    // What the caller is told instead: only names of their own schema, or their own words.
    expect(told).toEqual([
      'Cannot query field "person" on type "Query".',
      'Unknown type "PersonTaxProfil".',
      "This caller's schema has no mutation operations; send a query.",
      'Cannot query field "legalRepresentative" on type "LegalEntity".',
      'Unknown type "RecordReviewInput".',
    ]);
  });

  it('names none over GET either', async () => {
    for (const query of reproductions.filter((q) => !q.startsWith('mutation'))) {
      const { status, text } = await get({}, query);
      expect(status, query).toBe(400);
      expect(codesOf(text), query).toContain('GRAPHQL_VALIDATION_FAILED');
      expectNoHiddenName(text);
    }
  });

  it('names none for an automatic persisted query being registered', async () => {
    for (const query of reproductions) {
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const body = JSON.stringify({ query, extensions });
      const { status, text } = await send({}, { method: 'POST', body });
      expect(status, query).toBe(400);
      expect(codesOf(text), query).toContain('GRAPHQL_VALIDATION_FAILED');
      expectNoHiddenName(text);
    }
  });

  it('names none in a batched (array) body', async () => {
    // The gateway does not take batches: the whole array is refused before any validation. Were
    // batching turned on, Apollo would run each operation through the same request pipeline.
    const body = JSON.stringify(reproductions.map((query) => ({ query })));
    const { status, text } = await send({}, { method: 'POST', body });
    expect(status).toBe(400);
    expect(codesOf(text)).toEqual(['BAD_REQUEST']);
    expectNoHiddenName(text);
  });

  it('gives an agency suggestions for what it may read, and none for what it may not', async () => {
    const person = t.world.person(7).nationalId;
    const own = await post(t.agency(DESK), `{ person(nationalId: "${person}") { birthDat } }`);
    expect(own.status).toBe(400);
    expect(own.text).toContain('Did you mean \\"birthDate\\"?');
    const other = await post(
      t.agency(DESK),
      `{ person(nationalId: "${person}") { taxProfil { year } } }`,
    );
    expect(other.status).toBe(400);
    expect(other.text).not.toMatch(/\btaxProfile\b|\bPersonTaxProfile\b/);
  });

  it('gives a citizen suggestions from the citizen schema only', async () => {
    const me = t.world.person(9).nationalId;
    const citizen = t.citizen(me);
    const own = await post(citizen, `{ person(nationalId: "${me}") { nam } }`);
    expect(own.status).toBe(400);
    expect(own.text).toContain('Did you mean \\"name\\"?');
    const hidden = await post(citizen, `{ person(nationalId: "${me}") { birthDat } }`);
    expect(hidden.status).toBe(400);
    expect(messagesOf(hidden.text)).toEqual(['Cannot query field "birthDat" on type "Person".']);
  });

  it('keeps refusing a hidden field the operation names correctly with FORBIDDEN', async () => {
    const person = t.world.person(7).nationalId;
    const { status, text } = await post({}, `{ person(nationalId: "${person}") { birthDate } }`);
    expect(status).toBe(403);
    expect(codesOf(text)).toEqual(['FORBIDDEN']);
  });
});
