import { createWorld, type World } from '@govgraph/datagen';
import { CALLER_TOKEN_HEADER, type CallerTokenClaims } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { APPLICATION_FIELDS, type GraphQLResponse, useApprovals } from './approvalsHarness.js';

// Who may write at the approval platform (issue #10), checked by the department itself from
// the signed caller-token claims, whatever the gateway let through.

const world: World = createWorld({ seed: 7, people: 4_000 });
const company = world.company(11);
const citizen = world.person(21);
const otherPerson = world.person(22);

type Claims = Partial<CallerTokenClaims>;
const DESK: Claims = { caller: 'agency', agency: 'service-desk', purpose: 'SERVICE_DESK' };
const OTHER_DESK: Claims = { caller: 'agency', agency: 'county-desk', purpose: 'SERVICE_DESK' };
const FIRE: Claims = {
  caller: 'agency',
  agency: 'fire-rescue-bureau',
  department: 'FIRE_SERVICE',
  operatorId: 'xf-inspector-07',
};
const CITIZEN: Claims = { caller: 'citizen', citizen: citizen.nationalId };
const ANONYMOUS: Claims = { caller: 'anonymous' };

const SUBMIT = `mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
const RECORD = `mutation($input: RecordReviewInput!) {
  recordReview(input: $input) { ${APPLICATION_FIELDS} } }`;

let keys = 0;
const newKey = () => `rules-key-${process.pid}-${Date.now()}-${++keys}`;
const permit = (key = newKey()) => ({
  idempotencyKey: key,
  applicantCreditCode: company.creditCode,
  kind: 'CONSTRUCTION_PERMIT',
  siteBuildingId: company.buildingId,
});
const licenceFor = (nationalId: string, key = newKey()) => ({
  idempotencyKey: key,
  applicantNationalId: nationalId,
  kind: 'BUSINESS_LICENSE',
});
const fireApproval = (applicationId: string) => ({
  applicationId,
  department: 'FIRE_SERVICE',
  decision: 'APPROVE',
});

interface Application {
  id: string;
  status: string;
  applicant: Record<string, string>;
  reviews: { department: string; status: string; reviewerId: string | null }[];
}

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
const answer = (res: GraphQLResponse, field: string): Application => {
  expect(res.errors).toBeUndefined();
  return res.data?.[field] as Application;
};

describe.each(ENGINES)('who writes at the approval platform on %s', (engine) => {
  const platform = useApprovals(engine, world);
  const submit = (input: Record<string, unknown>, claims: Claims) =>
    platform.query(SUBMIT, { input }, claims);
  const record = (input: Record<string, unknown>, claims: Claims) =>
    platform.query(RECORD, { input }, claims);
  const submitted = async () => answer(await submit(permit(), DESK), 'submitApplication');
  /** Everything a review write could change, to prove a refusal changed none of it. */
  const stateOf = async (id: string) => ({
    application: await platform.database.db
      .selectFrom('application')
      .selectAll()
      .where('id', '=', id)
      .execute(),
    reviews: await platform.database.db
      .selectFrom('review')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('position')
      .execute(),
  });
  const applicationCount = async () =>
    Number(
      (
        await platform.database.db
          .selectFrom('application')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('recordReview', () => {
    it("records the deciding agency's operator as the reviewer, and the agency beside it", async () => {
      const app = await submitted();
      const reviewed = answer(await record(fireApproval(app.id), FIRE), 'recordReview');
      expect(reviewed.reviews.find((r) => r.department === 'FIRE_SERVICE')).toMatchObject({
        department: 'FIRE_SERVICE',
        status: 'APPROVED',
        reviewerId: 'xf-inspector-07',
      });
      const row = await platform.database.db
        .selectFrom('review')
        .select(['reviewer_id', 'reviewer_agency'])
        .where('application_id', '=', app.id)
        .where('department', '=', 'FIRE_SERVICE')
        .executeTakeFirst();
      expect(row).toEqual({
        reviewer_id: 'xf-inspector-07',
        reviewer_agency: 'fire-rescue-bureau',
      });
    });

    it('keeps an operator id of 64 characters and a long agency id whole, as submitter and reviewer', async () => {
      const agency = `fire${'-bureau'.repeat(30)}`;
      const operatorId = `op-${'7'.repeat(61)}`;
      const key = newKey();
      const app = answer(await submit(permit(key), { ...DESK, agency }), 'submitApplication');
      const reviewed = answer(
        await record(fireApproval(app.id), { ...FIRE, agency, operatorId }),
        'recordReview',
      );
      expect(reviewed.reviews.find((r) => r.department === 'FIRE_SERVICE')?.reviewerId).toBe(
        operatorId,
      );
      const row = await platform.database.db
        .selectFrom('review')
        .select('reviewer_agency')
        .where('application_id', '=', app.id)
        .where('department', '=', 'FIRE_SERVICE')
        .executeTakeFirst();
      expect(row?.reviewer_agency).toBe(agency);
      expect(answer(await submit(permit(key), { ...DESK, agency }), 'submitApplication').id).toBe(
        app.id,
      );
    });

    it.each<[string, Claims, string, string]>([
      [
        'an agency of another department',
        { ...FIRE, agency: 'health-commission', department: 'HEALTH' },
        'DEPARTMENT_MISMATCH',
        'acts for HEALTH',
      ],
      [
        'an agency with no department',
        { ...FIRE, department: undefined },
        'DEPARTMENT_MISMATCH',
        'has no department',
      ],
      [
        'an agency without an operator',
        { ...FIRE, operatorId: undefined },
        'OPERATOR_REQUIRED',
        'X-Operator-Id',
      ],
      [
        'a citizen',
        { ...CITIZEN, department: 'FIRE_SERVICE', operatorId: 'me' },
        'WRITE_NOT_ALLOWED',
        'never a citizen',
      ],
      [
        'an anonymous caller',
        { ...ANONYMOUS, department: 'FIRE_SERVICE', operatorId: 'x' },
        'WRITE_NOT_ALLOWED',
        'identified caller',
      ],
    ])('refuses a review by %s and changes nothing', async (_who, claims, code, text) => {
      const app = await submitted();
      const before = await stateOf(app.id);
      const res = await record(fireApproval(app.id), claims);
      expect(codeOf(res)).toBe(code);
      expect(res.errors?.[0]?.message).toContain(text);
      expect(res.data).toBeNull();
      expect(await stateOf(app.id)).toEqual(before);
    });

    it('refuses a wrong department before looking the application up, so nothing about it leaks', async () => {
      const res = await record(fireApproval('SP20990101-NFFFFFFFFFFFF'), {
        ...FIRE,
        department: 'HEALTH',
      });
      expect(codeOf(res)).toBe('DEPARTMENT_MISMATCH');
      expect(res.errors?.[0]?.message).not.toContain('SP20990101');
    });

    it('has no reviewerId argument to forge: written or passed in a variable, it is refused', async () => {
      const app = await submitted();
      const before = await stateOf(app.id);
      const literal = await platform.query(
        `mutation { recordReview(input: { applicationId: "${app.id}", department: FIRE_SERVICE, decision: APPROVE, reviewerId: "someone-else" }) { id } }`,
        {},
        FIRE,
      );
      expect(codeOf(literal)).toBe('GRAPHQL_VALIDATION_FAILED');
      const variable = await record({ ...fireApproval(app.id), reviewerId: 'someone-else' }, FIRE);
      expect(codeOf(variable)).toBe('BAD_USER_INPUT');
      expect(await stateOf(app.id)).toEqual(before);
    });

    it("checks every aliased review on its own: the agency's own is recorded, another department's is not", async () => {
      const app = await submitted();
      const res = await platform.query(
        `mutation($id: ID!) {
          mine: recordReview(input: { applicationId: $id, department: FIRE_SERVICE, decision: APPROVE }) { id }
          theirs: recordReview(input: { applicationId: $id, department: HOUSING_CONSTRUCTION, decision: APPROVE }) { id }
        }`,
        { id: app.id },
        FIRE,
      );
      // Mutations run one after another; the refused non-null field nulls the whole answer.
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['theirs'], 'DEPARTMENT_MISMATCH'],
      ]);
      const { reviews } = await stateOf(app.id);
      expect(reviews.map((r) => [r.department, r.status, r.reviewer_id])).toEqual([
        ['HOUSING_CONSTRUCTION', 'PENDING', null],
        ['FIRE_SERVICE', 'APPROVED', 'xf-inspector-07'],
        ['ECOLOGY_ENVIRONMENT', 'PENDING', null],
        ['URBAN_MANAGEMENT', 'PENDING', null],
      ]);
    });

    it('stops at a refused review: the mutations after it in the document do not run', async () => {
      const app = await submitted();
      const before = await stateOf(app.id);
      const res = await platform.query(
        `mutation($id: ID!) {
          theirs: recordReview(input: { applicationId: $id, department: HOUSING_CONSTRUCTION, decision: APPROVE }) { id }
          mine: recordReview(input: { applicationId: $id, department: FIRE_SERVICE, decision: APPROVE }) { id }
        }`,
        { id: app.id },
        FIRE,
      );
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['DEPARTMENT_MISMATCH']);
      expect(await stateOf(app.id)).toEqual(before);
    });
  });

  describe('submitApplication', () => {
    it('lets a citizen apply for themself, kept as their own submission', async () => {
      const app = answer(
        await submit(licenceFor(citizen.nationalId), CITIZEN),
        'submitApplication',
      );
      expect(app.applicant).toEqual({ __typename: 'Person', nationalId: citizen.nationalId });
      const row = await platform.database.db
        .selectFrom('application')
        .select('submitted_by')
        .where('id', '=', app.id)
        .executeTakeFirst();
      expect(row?.submitted_by).toBe(`citizen:${citizen.nationalId}`);
    });

    it.each<[string, Record<string, unknown>]>([
      ['another person', licenceFor(otherPerson.nationalId)],
      ['a company', permit()],
    ])('refuses a citizen applying for %s and files nothing', async (_whom, input) => {
      const before = await applicationCount();
      const res = await submit(input, CITIZEN);
      expect(codeOf(res)).toBe('WRITE_NOT_ALLOWED');
      expect(res.errors?.[0]?.extensions?.argument).toBe('input.applicantNationalId');
      expect(await applicationCount()).toBe(before);
    });

    it("refuses a citizen's application for someone else given as a variable default", async () => {
      const before = await applicationCount();
      const res = await platform.query(
        `mutation($input: SubmitApplicationInput = { idempotencyKey: "${newKey()}", applicantNationalId: "${otherPerson.nationalId}", kind: BUSINESS_LICENSE }) {
          submitApplication(input: $input) { id } }`,
        {},
        CITIZEN,
      );
      expect(codeOf(res)).toBe('WRITE_NOT_ALLOWED');
      expect(await applicationCount()).toBe(before);
    });

    it('refuses an anonymous caller and files nothing', async () => {
      const before = await applicationCount();
      const res = await submit(licenceFor(citizen.nationalId), ANONYMOUS);
      expect(codeOf(res)).toBe('WRITE_NOT_ALLOWED');
      expect(await applicationCount()).toBe(before);
    });

    it('lets an agency apply on behalf of a person or a company', async () => {
      const forPerson = answer(
        await submit(licenceFor(otherPerson.nationalId), DESK),
        'submitApplication',
      );
      expect(forPerson.applicant).toEqual({
        __typename: 'Person',
        nationalId: otherPerson.nationalId,
      });
      const forCompany = answer(await submit(permit(), DESK), 'submitApplication');
      expect(forCompany.applicant).toEqual({
        __typename: 'LegalEntity',
        creditCode: company.creditCode,
      });
    });
  });

  describe('idempotency keys', () => {
    it("gives two agencies sending one key two applications, and each agency's retry its own", async () => {
      const key = newKey();
      const a = answer(await submit(permit(key), DESK), 'submitApplication');
      const b = answer(await submit(permit(key), OTHER_DESK), 'submitApplication');
      expect(b.id).not.toBe(a.id);
      expect(answer(await submit(permit(key), DESK), 'submitApplication').id).toBe(a.id);
      expect(answer(await submit(permit(key), OTHER_DESK), 'submitApplication').id).toBe(b.id);
      const rows = await platform.database.db
        .selectFrom('application')
        .select(['id', 'submitted_by'])
        .where('idempotency_key', '=', key)
        .orderBy('submitted_by')
        .execute();
      expect(rows).toEqual([
        { id: b.id, submitted_by: 'county-desk' },
        { id: a.id, submitted_by: 'service-desk' },
      ]);
    });

    it("treats another agency's key with a different input as a new application, not IDEMPOTENCY_KEY_REUSED", async () => {
      const key = newKey();
      const a = answer(await submit(permit(key), DESK), 'submitApplication');
      const b = answer(
        await submit(licenceFor(otherPerson.nationalId, key), OTHER_DESK),
        'submitApplication',
      );
      expect(b.id).not.toBe(a.id);
      expect(b.applicant).toEqual({ __typename: 'Person', nationalId: otherPerson.nationalId });
      // The key still belongs to the first agency for its own input.
      expect(codeOf(await submit(licenceFor(otherPerson.nationalId, key), DESK))).toBe(
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it("keeps a citizen's keys apart from an agency's", async () => {
      const key = newKey();
      const byDesk = answer(
        await submit(licenceFor(citizen.nationalId, key), DESK),
        'submitApplication',
      );
      const byCitizen = answer(
        await submit(licenceFor(citizen.nationalId, key), CITIZEN),
        'submitApplication',
      );
      expect(byCitizen.id).not.toBe(byDesk.id);
    });

    it('files one application per agency when two agencies race with one key', async () => {
      const key = newKey();
      const results = await Promise.all(
        [DESK, OTHER_DESK, DESK, OTHER_DESK, DESK, OTHER_DESK].map((claims) =>
          submit(permit(key), claims),
        ),
      );
      const ids = results.map((res) => answer(res, 'submitApplication').id);
      expect(new Set(ids.filter((_, i) => i % 2 === 0)).size).toBe(1);
      expect(new Set(ids.filter((_, i) => i % 2 === 1)).size).toBe(1);
      expect(new Set(ids).size).toBe(2);
    });
  });

  describe('other ways in', () => {
    const post = async (body: unknown, claims: Claims) =>
      fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLER_TOKEN_HEADER]: await platform.sign(claims),
        },
        body: JSON.stringify(body),
      });

    it('files nothing from a batch (an array body): a mutation is taken one per request', async () => {
      const before = await applicationCount();
      const one = { query: SUBMIT, variables: { input: licenceFor(otherPerson.nationalId) } };
      const res = await post([one, { ...one }], CITIZEN);
      expect(res.status).toBe(400);
      const asDesk = await post([one], DESK);
      expect(asDesk.status).toBe(400);
      // Batches of queries are taken (the gateway sends its fetches so), but not with a mutation.
      const withQuery = await post([{ query: '{ __typename }' }, one], DESK);
      expect(withQuery.status).toBe(400);
      expect(JSON.stringify(await withQuery.json())).toContain('may hold queries only');
      const queries = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }], DESK);
      expect(queries.status).toBe(200);
      expect(await applicationCount()).toBe(before);
    });

    it('files nothing from a GET request: mutations are POST only', async () => {
      const before = await applicationCount();
      const search = new URLSearchParams({
        query: SUBMIT,
        variables: JSON.stringify({ input: licenceFor(citizen.nationalId) }),
      });
      const res = await fetch(`${platform.url}/graphql?${search}`, {
        headers: {
          [CALLER_TOKEN_HEADER]: await platform.sign(CITIZEN),
          'apollo-require-preflight': 'true',
        },
      });
      expect(res.status).toBe(405);
      expect(await applicationCount()).toBe(before);
    });
  });
});
