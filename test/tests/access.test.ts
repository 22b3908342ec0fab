import { createCallerTokenSigner, generateCallerTokenKeys } from '@govgraph/server';
import { firstError } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';

const DESK = 'access-desk';
const TAX = 'access-tax';
const PERSON = `query($id: NationalId!) { person(nationalId: $id) { name birthDate taxProfile { hasArrears } } }`;

interface Denied {
  coordinate: string;
  level: string;
  reason: string;
}
const deniedOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  ((firstError(body).extensions?.denied as Denied[] | undefined) ?? []).map((d) => d.coordinate);

describe('access by agency, purpose and grant over the whole hub', () => {
  let t: AccessHub;

  beforeAll(async () => {
    t = await startAccessHub([
      {
        id: DESK,
        purpose: 'ACCESS_DESK',
        coordinates: ['Query.person', 'Person.name', 'Person.birthDate', 'Mutation.fileComplaint'],
      },
      {
        id: TAX,
        purpose: 'ACCESS_TAX',
        coordinates: ['Query.person', 'Person.name', 'Person.taxProfile', 'PersonTaxProfile.*'],
      },
    ]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('gives agencies with different grants exactly what each may read of the same query', async () => {
    const person = t.world.person(7);
    const desk = await t.ask(t.agency(DESK), PERSON, { id: person.nationalId });
    expect(desk.status).toBe(403);
    expect(deniedOf(desk.body)).toEqual(['Person.taxProfile', 'PersonTaxProfile.hasArrears']);
    // The refused attempt is audited from the policy's decision.
    expect(await t.latestAudit()).toMatchObject({
      agencyId: DESK,
      purpose: 'ACCESS_DESK',
      outcome: 'denied',
      denied: [
        { coordinate: 'Person.taxProfile', reason: expect.stringContaining('no grant') },
        { coordinate: 'PersonTaxProfile.hasArrears', reason: expect.stringContaining('no grant') },
      ],
    });
    const tax = await t.ask(t.agency(TAX), PERSON, { id: person.nationalId });
    expect(tax.status).toBe(403);
    expect(deniedOf(tax.body)).toEqual(['Person.birthDate']);

    const deskOwn = await t.ask(
      t.agency(DESK),
      'query($id: NationalId!) { person(nationalId: $id) { name birthDate } }',
      { id: person.nationalId },
    );
    expect(deskOwn.body).toEqual({
      data: { person: { name: person.name, birthDate: person.birthDate } },
    });
    const taxOwn = await t.ask(
      t.agency(TAX),
      'query($id: NationalId!) { person(nationalId: $id) { name taxProfile { hasArrears } } }',
      { id: person.nationalId },
    );
    expect(taxOwn.status).toBe(200);
    expect(taxOwn.body.errors).toBeUndefined();
    expect(taxOwn.body.data?.person).toMatchObject({ name: person.name });
  });

  it('refuses the tricks: aliases, fragments, @include(if: false), nested entities of other departments', async () => {
    const { nationalId } = t.world.person(8);
    const tricked = await t.ask(
      t.agency(DESK),
      `query($id: NationalId!, $no: Boolean!) {
        me: person(nationalId: $id) { label: name ...Money }
      }
      fragment Money on Person { ... on Person { secret: taxProfile @include(if: $no) { years { year } } } }`,
      { id: nationalId, no: false },
    );
    expect(tricked.status).toBe(403);
    expect(deniedOf(tricked.body)).toEqual([
      'Person.taxProfile',
      'PersonTaxProfile.years',
      'PersonTaxYear.year',
    ]);
    const company = t.world.company(3);
    const nested = await t.ask(
      {},
      `query($c: CreditCode!) { legalEntity(creditCode: $c) { name legalRepresentative { name } } }`,
      { c: company.creditCode },
    );
    expect(nested.status).toBe(403);
    expect(deniedOf(nested.body)).toEqual(['Person.name']);
  });

  it('answers anonymous callers PUBLIC data only', async () => {
    const company = t.world.company(3);
    const open = await t.ask(
      {},
      'query($c: CreditCode!) { legalEntity(creditCode: $c) { creditCode name } }',
      { c: company.creditCode },
    );
    expect(open.body).toEqual({
      data: { legalEntity: { creditCode: company.creditCode, name: company.name } },
    });
    const person = await t.ask({}, PERSON, { id: t.world.person(7).nationalId });
    expect(person.status).toBe(403);
    expect(deniedOf(person.body)).toEqual([
      'Person.birthDate',
      'Person.name',
      'Person.taxProfile',
      'PersonTaxProfile.hasArrears',
      'Query.person',
    ]);
  });

  it('refuses SENSITIVE fields without a case number and operator, and serves them with both', async () => {
    const query = 'query($id: NationalId!) { person(nationalId: $id) { taxProfile { arrears } } }';
    const { nationalId } = t.world.person(9);
    const without = await t.ask(t.agency(TAX), query, { id: nationalId });
    expect(without.status).toBe(403);
    expect(firstError(without.body).extensions?.denied).toEqual([
      {
        coordinate: 'PersonTaxProfile.arrears',
        level: 'SENSITIVE',
        reason:
          'SENSITIVE data needs a case number (X-Case-Id) and the acting official (X-Operator-Id)',
      },
    ]);
    const withCase = await t.ask(
      t.agency(TAX, { caseId: 'TAX-2026-0042', operatorId: 'officer-7' }),
      query,
      { id: nationalId },
    );
    expect(withCase.status).toBe(200);
    expect(withCase.body.errors).toBeUndefined();
  });

  it('follows a grant made and revoked while the hub runs', async () => {
    const query = 'query($id: NationalId!) { person(nationalId: $id) { gender } }';
    const person = t.world.person(11);
    expect((await t.ask(t.agency(DESK), query, { id: person.nationalId })).status).toBe(403);
    await t.grant(DESK, 'ACCESS_DESK', ['Person.gender']);
    const granted = await t.ask(t.agency(DESK), query, { id: person.nationalId });
    expect(granted.body).toEqual({ data: { person: { gender: person.gender } } });
    await t.revoke(DESK, 'ACCESS_DESK', ['Person.gender']);
    expect((await t.ask(t.agency(DESK), query, { id: person.nationalId })).status).toBe(403);
  });

  it('lets a citizen read their own record only', async () => {
    const me = t.world.person(12);
    const other = t.world.person(13);
    const query = 'query($id: NationalId!) { person(nationalId: $id) { name } }';
    const own = await t.ask(t.citizen(me.nationalId), query, { id: me.nationalId });
    expect(own.body).toEqual({ data: { person: { name: me.name } } });
    const theirs = await t.ask(t.citizen(me.nationalId), query, { id: other.nationalId });
    expect(theirs.status).toBe(403);
    expect(deniedOf(theirs.body)).toEqual(['Query.person', 'Person.name']);
    const more = await t.ask(
      t.citizen(me.nationalId),
      'query($id: NationalId!) { person(nationalId: $id) { birthDate } }',
      { id: me.nationalId },
    );
    expect(deniedOf(more.body)).toEqual(['Person.birthDate']);
  });

  it('shows each caller only the schema it may read', async () => {
    const fields = async (caller: Parameters<AccessHub['ask']>[0], type: string) => {
      const { body } = await t.ask<{ __type: { fields: { name: string }[] } | null }>(
        caller,
        'query($t: String!) { __type(name: $t) { fields { name } } }',
        { t: type },
      );
      return body.data?.__type?.fields.map((f) => f.name).sort() ?? null;
    };
    expect(await fields({}, 'Person')).toBeNull();
    expect(await fields(t.agency(DESK), 'Person')).toEqual(['birthDate', 'name']);
    expect(await fields(t.agency(TAX), 'Person')).toEqual(['name', 'taxProfile']);
    const query = (await fields({}, 'Query')) ?? [];
    expect(query).toContain('legalEntity');
    expect(query).not.toContain('person');
    expect(await fields(t.agency(DESK), 'Query')).toContain('person');
    // The whole schema, as GraphiQL asks for it: valid, without the mutations anonymous callers
    // may not run, and with the one the desk agency is granted.
    const whole = (caller: Parameters<AccessHub['ask']>[0]) =>
      t.ask<{ __schema: { mutationType: { name: string } | null; types: { name: string }[] } }>(
        caller,
        '{ __schema { mutationType { name } types { name } } }',
      );
    const anonymous = await whole({});
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.errors).toBeUndefined();
    expect(anonymous.body.data?.__schema.mutationType).toBeNull();
    expect(anonymous.body.data?.__schema.types.map((x) => x.name)).not.toContain('Person');
    expect((await whole(t.agency(DESK))).body.data?.__schema.mutationType).toEqual({
      name: 'Mutation',
    });
    expect(await fields(t.agency(DESK), 'Mutation')).toEqual(['fileComplaint']);
    expect(await fields(t.agency(TAX), 'Mutation')).toBeNull();
  });

  describe('a department called directly', () => {
    const direct = (token?: string) =>
      fetch(t.hub.departments.find((d) => d.name === 'population')?.url ?? '', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { 'x-govgraph-caller': token } : {}),
        },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });

    it('refuses a request without the gateway’s token', async () => {
      const res = await direct();
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('HUB_CONTEXT_REQUIRED');
    });

    it('refuses a token signed by a key it does not trust', async () => {
      const stranger = await generateCallerTokenKeys('hub-current');
      const signer = await createCallerTokenSigner({ privateKey: stranger.privateJwk });
      const res = await direct(await signer.sign({ caller: 'anonymous', requestId: 'x' }));
      expect(res.status).toBe(401);
    });

    it('answers a token signed by either key of a rotation', async () => {
      // The gateway signs with the current key (every test above); the previous one still verifies.
      const signer = await createCallerTokenSigner({ privateKey: t.previousCallerTokenKey });
      const res = await direct(await signer.sign({ caller: 'anonymous', requestId: 'x' }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { _service: { sdl: string } } };
      expect(body.data._service.sdl).toContain('type Person');
    });
  });
});
