import { type ComplaintCategory, createWorld, type World } from '@govgraph/datagen';
import { HANDLING_DEPARTMENT_CODES, handlingDepartmentCode } from '@govgraph/rules';
import type { CallerTokenClaims } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { allComplaints, type GraphQLResponse, useComplaints } from './complaintsHarness.js';

// Who may write at the citizen hotline (issue #10), checked by the department itself from the
// signed caller-token claims, whatever the gateway let through.

const world: World = createWorld({ seed: 11, people: 4_000 });
const closedSeeded = allComplaints(world).find((c) => c.status === 'RESOLVED');
const citizen = world.person(5);
const otherPerson = world.person(6);

type Claims = Partial<CallerTokenClaims>;
const DESK: Claims = { caller: 'agency', agency: 'hotline-desk', purpose: 'COMPLAINT_HANDLING' };
const CITIZEN: Claims = { caller: 'citizen', citizen: citizen.nationalId };
const ANONYMOUS: Claims = { caller: 'anonymous' };
const handler = (department: string): Claims => ({
  caller: 'agency',
  agency: `agency-${department.toLowerCase()}`,
  department,
  operatorId: `op-${department.toLowerCase()}`,
});
const MARKET = handler('MARKET_REGULATION');

const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status handlingDepartment } }`;
const RESOLVE = `mutation($input: ResolveComplaintInput!) { resolveComplaint(input: $input) { id status resolution } }`;

const filing = (complainantNationalId: string, category: ComplaintCategory = 'FOOD_SAFETY') => ({
  complainantNationalId,
  againstCreditCode: world.company(3).creditCode,
  category,
  description: '在该店购买的盒饭有明显异味，商家拒绝退款。',
});
const closing = (id: string) => ({ id, outcome: 'RESOLVED', resolution: '商家已退款并道歉。' });

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
const idOf = (res: GraphQLResponse, field: string): string => {
  expect(res.errors).toBeUndefined();
  return String((res.data?.[field] as { id?: string } | undefined)?.id);
};

describe.each(ENGINES)('who writes at the citizen hotline on %s', (engine) => {
  const hotline = useComplaints(engine, world);
  const file = (input: Record<string, unknown>, claims: Claims) =>
    hotline.query(FILE, { input }, claims);
  const resolve = (id: string, claims: Claims) =>
    hotline.query(RESOLVE, { input: closing(id) }, claims);
  const filed = async (category: ComplaintCategory = 'FOOD_SAFETY') =>
    idOf(await file(filing(otherPerson.nationalId, category), DESK), 'fileComplaint');
  const rowOf = (id: string) =>
    hotline.database.db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirst();
  const rowCount = async () =>
    Number(
      (
        await hotline.database.db
          .selectFrom('complaint')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('resolveComplaint', () => {
    it('is closed by its handling department, recording the operator and the agency', async () => {
      const id = await filed();
      const res = await resolve(id, MARKET);
      expect(res.data?.resolveComplaint).toEqual({
        id,
        status: 'RESOLVED',
        resolution: '商家已退款并道歉。',
      });
      expect(await rowOf(id)).toMatchObject({
        status: 'RESOLVED',
        resolved_by_operator: 'op-market_regulation',
        resolved_by_agency: 'agency-market_regulation',
      });
    });

    it.each(Object.entries(HANDLING_DEPARTMENT_CODES))(
      'passes a %s complaint to %s, and only that department closes it',
      async (category, department) => {
        const id = await filed(category as ComplaintCategory);
        const other = department === 'COMMERCE' ? 'MARKET_REGULATION' : 'COMMERCE';
        expect(codeOf(await resolve(id, handler(other)))).toBe('DEPARTMENT_MISMATCH');
        expect((await rowOf(id))?.status).toBe('RECEIVED');
        expect(idOf(await resolve(id, handler(department)), 'resolveComplaint')).toBe(id);
      },
    );

    it.each<[string, Claims, string, string]>([
      ['another department', handler('COMMERCE'), 'DEPARTMENT_MISMATCH', 'acts for COMMERCE'],
      [
        'an agency with no department',
        { ...MARKET, department: undefined },
        'DEPARTMENT_MISMATCH',
        'no department',
      ],
      [
        'an agency without an operator',
        { ...MARKET, operatorId: undefined },
        'OPERATOR_REQUIRED',
        'X-Operator-Id',
      ],
      [
        'the complainant themself',
        { caller: 'citizen', citizen: otherPerson.nationalId },
        'WRITE_NOT_ALLOWED',
        'never a citizen',
      ],
      ['an anonymous caller', ANONYMOUS, 'WRITE_NOT_ALLOWED', 'identified caller'],
    ])('refuses a closing by %s and changes nothing', async (_who, claims, code, text) => {
      const id = await filed();
      const before = await rowOf(id);
      const res = await resolve(id, claims);
      expect(codeOf(res)).toBe(code);
      expect(res.errors?.[0]?.message).toContain(text);
      expect(await rowOf(id)).toEqual(before);
    });

    it("tells another department nothing of a closed complaint's resolution", async () => {
      if (!closedSeeded) throw new Error('the test world has no resolved complaint');
      const own = handlingDepartmentCode(closedSeeded.handlingDepartment);
      const refused = await resolve(
        closedSeeded.id,
        handler(own === 'COMMERCE' ? 'MARKET_REGULATION' : 'COMMERCE'),
      );
      expect(codeOf(refused)).toBe('DEPARTMENT_MISMATCH');
      expect(refused.errors?.[0]?.message).not.toContain(closedSeeded.resolution ?? '');
    });

    it('refuses a citizen before looking the ticket up: an unknown number is not revealed as unknown', async () => {
      const res = await resolve('12345-2019-000001', CITIZEN);
      expect(codeOf(res)).toBe('WRITE_NOT_ALLOWED');
    });

    it('stops at a refused aliased closing: the mutations after it in the document do not run', async () => {
      const [mine, theirs] = [await filed('PRICING'), await filed('SERVICE')];
      const res = await hotline.query(
        `mutation($mine: ID!, $theirs: ID!) {
          theirs: resolveComplaint(input: { id: $theirs, outcome: REJECTED, resolution: "不属于本部门。" }) { id }
          mine: resolveComplaint(input: { id: $mine, outcome: RESOLVED, resolution: "已处理完毕。" }) { id }
        }`,
        { mine, theirs },
        MARKET,
      );
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['theirs'], 'DEPARTMENT_MISMATCH'],
      ]);
      expect((await rowOf(mine))?.status).toBe('RECEIVED');
      expect((await rowOf(theirs))?.status).toBe('RECEIVED');
    });
  });

  describe('fileComplaint', () => {
    it('lets a citizen complain for themself', async () => {
      const id = idOf(await file(filing(citizen.nationalId), CITIZEN), 'fileComplaint');
      expect((await rowOf(id))?.complainant_id).toBe(citizen.nationalId);
    });

    it('lets an agency file on a person’s behalf', async () => {
      const id = idOf(await file(filing(otherPerson.nationalId), DESK), 'fileComplaint');
      expect((await rowOf(id))?.complainant_id).toBe(otherPerson.nationalId);
    });

    it.each<[string, Claims]>([
      ['a citizen for another person', CITIZEN],
      ['an anonymous caller', ANONYMOUS],
    ])('refuses a filing by %s and files nothing', async (_who, claims) => {
      const before = await rowCount();
      const res = await file(filing(otherPerson.nationalId), claims);
      expect(codeOf(res)).toBe('WRITE_NOT_ALLOWED');
      expect(await rowCount()).toBe(before);
    });

    it("refuses a citizen's filing for someone else given as a variable default", async () => {
      const before = await rowCount();
      const res = await hotline.query(
        `mutation($input: FileComplaintInput = { complainantNationalId: "${otherPerson.nationalId}", againstCreditCode: "${world.company(3).creditCode}", category: PRICING, description: "明码标价与结账价格不一致。" }) {
          fileComplaint(input: $input) { id } }`,
        {},
        CITIZEN,
      );
      expect(codeOf(res)).toBe('WRITE_NOT_ALLOWED');
      expect(res.errors?.[0]?.extensions?.argument).toBe('input.complainantNationalId');
      expect(await rowCount()).toBe(before);
    });
  });
});
