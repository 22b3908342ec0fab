import { firstError, firstErrorCode } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';
import type { CallerHeaders, GraphQLResponse } from './support/testHub.js';

// A citizen's token reads personal data of one data subject only: the citizen. Every path to
// another person — through a company, a search, a relative, a variable default — is refused
// before anything runs, whatever the transport (POST, GET, batch) and with caches on.

const READER = 'citizen-reader';
const OWN_REASON = 'a citizen reads only their own record';
const REPRESENTATIVE = `query($code: CreditCode!) {
  legalEntity(creditCode: $code) { name legalRepresentative { nationalId name } }
}`;
const SEARCH = `{
  searchLegalEntities(name: "有限", first: 100) { nodes { name legalRepresentative { nationalId name } } }
}`;

interface Denied {
  coordinate: string;
  level: string;
  reason: string;
}
const deniedOf = (body: GraphQLResponse) =>
  (firstError(body).extensions?.denied as Denied[] | undefined) ?? [];

describe('a citizen reads only their own record', () => {
  let t: AccessHub;
  let me: { nationalId: string; name: string };
  let stranger: { nationalId: string; name: string };
  let companyCode: string;

  beforeAll(async () => {
    t = await startAccessHub(
      [
        {
          id: READER,
          purpose: 'CITIZEN_TESTS',
          coordinates: ['Query.*', 'LegalEntity.*', 'Person.*'],
        },
      ],
      { cache: { enabled: true } },
    );
    me = t.world.person(12);
    const company = [...t.world.companies()].find((c) => c.representativeIndex !== 12);
    if (!company) throw new Error('the synthetic world has no company');
    companyCode = company.creditCode;
    stranger = t.world.person(company.representativeIndex);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Refused as a whole, with nothing of the stranger in the answer. */
  const expectRefused = (
    answer: { status: number; body: GraphQLResponse },
    coordinates: readonly string[],
  ) => {
    expect(answer.status).toBe(403);
    expect(answer.body.data ?? null).toBeNull();
    expect(firstErrorCode(answer.body)).toBe('FORBIDDEN');
    const denied = deniedOf(answer.body);
    for (const coordinate of coordinates) {
      expect(denied).toContainEqual({ coordinate, level: 'PERSONAL', reason: OWN_REASON });
    }
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(stranger.nationalId);
    expect(text).not.toContain(stranger.name);
  };

  const citizen = (): CallerHeaders => t.citizen(me.nationalId);

  it('refuses a legal representative reached through a company, and audits the refusal', async () => {
    const answer = await t.ask(citizen(), REPRESENTATIVE, { code: companyCode });
    expectRefused(answer, ['Person.name', 'Person.nationalId']);
    expect(firstError(answer.body).message).toContain('Person.name');
    expect(firstError(answer.body).message).toContain('personal data of the citizen alone');
    expect(await t.latestAudit()).toMatchObject({
      outcome: 'denied',
      denied: expect.arrayContaining([{ coordinate: 'Person.name', reason: OWN_REASON }]),
    });
  });

  it('refuses the people a company search lists', async () => {
    expectRefused(await t.ask(citizen(), SEARCH), ['Person.name', 'Person.nationalId']);
  });

  it('lets the search itself, and other PUBLIC fields under a stranger, be read', async () => {
    const answer = await t.ask<{ legalEntity: { name: string; legalRepresentative: unknown } }>(
      citizen(),
      'query($code: CreditCode!) { legalEntity(creditCode: $code) { name legalRepresentative { __typename } } }',
      { code: companyCode },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data?.legalEntity.legalRepresentative).toEqual({ __typename: 'Person' });
  });

  it('refuses another person named by a variable default the request does not send', async () => {
    const query = `query Q($id: NationalId! = "${stranger.nationalId}") { person(nationalId: $id) { name } }`;
    const answer = await t.ask(citizen(), query);
    expectRefused(answer, ['Person.name']);
    expect(deniedOf(answer.body).map((d) => d.coordinate)).toContain('Query.person');
    // The same document with the citizen's own ID sent is their own record.
    const own = await t.ask(citizen(), query, { id: me.nationalId });
    expect(own.body).toEqual({ data: { person: { name: me.name } } });
  });

  it('still answers the citizen’s own record, with the parts of the citizen record they may read', async () => {
    const answer = await t.ask<{
      person: {
        nationalId: string;
        name: string;
        accessLog: { totalCount: number; nodes: { readerKind: string }[] };
      };
    }>(
      citizen(),
      `query($nationalId: NationalId!) {
        person(nationalId: $nationalId) { nationalId name accessLog(first: 5) { totalCount nodes { readerKind outcome } } }
      }`,
      { nationalId: me.nationalId },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.person).toMatchObject({ nationalId: me.nationalId, name: me.name });
  });

  it('refuses relatives reached from the own record', async () => {
    const answer = await t.ask(
      citizen(),
      `query($id: NationalId!) { person(nationalId: $id) { name spouse { name } parents { nationalId } } }`,
      { id: me.nationalId },
    );
    expect(answer.status).toBe(403);
    // spouse and parents are not citizen coordinates at all; what they lead to is a stranger.
    const strangers = deniedOf(answer.body).filter((d) => d.reason === OWN_REASON);
    expect(strangers.map((d) => d.coordinate)).toEqual(['Person.name', 'Person.nationalId']);
  });

  it('refuses a stranger behind aliases, named fragments and union members', async () => {
    const answer = await t.ask(
      citizen(),
      `query($id: NationalId!) {
        me: person(nationalId: $id) {
          ...Who
          realEstate { nodes { owners { owner { ... on Person { ...Who } } } } }
        }
        company: legalEntity(creditCode: "${companyCode}") { boss: legalRepresentative { ...Who } }
      }
      fragment Who on Person { who: name }`,
      { id: me.nationalId },
    );
    expect(answer.status).toBe(403);
    const strangers = deniedOf(answer.body).filter((d) => d.reason === OWN_REASON);
    expect(strangers.map((d) => d.coordinate)).toEqual(['Person.name']);
    expect(JSON.stringify(answer.body)).not.toContain(stranger.name);
  });

  it('refuses the same over GET', async () => {
    const url = new URL(t.hub.graphqlUrl);
    url.searchParams.set('query', REPRESENTATIVE);
    url.searchParams.set('variables', JSON.stringify({ code: companyCode }));
    const res = await fetch(url, {
      headers: {
        authorization: `Bearer ${citizen().bearerToken}`,
        'apollo-require-preflight': 'true',
      },
    });
    expectRefused({ status: res.status, body: (await res.json()) as GraphQLResponse }, [
      'Person.name',
    ]);
  });

  it('refuses the same in a batched array body', async () => {
    const res = await fetch(t.hub.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${citizen().bearerToken}`,
      },
      body: JSON.stringify([
        { query: REPRESENTATIVE, variables: { code: companyCode } },
        { query: SEARCH },
      ]),
    });
    const text = await res.text();
    // Batching is off at the gateway: the whole array is refused and nothing runs. (Were it
    // turned on, each operation would still pass through the policy on its own.)
    expect(res.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect(text).not.toContain(stranger.nationalId);
    expect(text).not.toContain(stranger.name);
  });

  it('does not replay to a citizen a stranger’s answer cached for an agency', async () => {
    const agency = t.agency(READER);
    const cold = await t.ask(agency, REPRESENTATIVE, { code: companyCode });
    expect(cold.body.errors).toBeUndefined();
    const warm = await t.ask(agency, REPRESENTATIVE, { code: companyCode });
    expect(warm.body).toEqual(cold.body);
    expect(JSON.stringify(warm.body)).toContain(stranger.nationalId);
    expect(await t.latestAudit()).toMatchObject({ agencyId: READER, cached: true });
    expectRefused(await t.ask(citizen(), REPRESENTATIVE, { code: companyCode }), ['Person.name']);
    expect(await t.latestAudit()).toMatchObject({ callerKind: 'citizen', outcome: 'denied' });
  });
});
