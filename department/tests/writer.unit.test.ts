import type { CallerTokenClaims } from '@govgraph/server';
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  deciderOf,
  departmentOperator,
  principalOf,
  requireSelf,
  writerOf,
} from '../src/writer.js';

const WANG = '110105194912310020';
const LI = '11010519491231002X';
const claims = (c: Partial<CallerTokenClaims>): CallerTokenClaims => ({
  caller: 'anonymous',
  requestId: 'r-1',
  ...c,
});
const fire = claims({
  caller: 'agency',
  agency: 'fire-bureau',
  department: 'FIRE_SERVICE',
  operatorId: 'xf-7',
});

/** The registered code a call is refused with, or undefined when it is not refused. */
function refusal(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return (error as GraphQLError).extensions.code;
  }
}

describe('who writes at a department', () => {
  it.each<[string, CallerTokenClaims | undefined]>([
    ['no claims', undefined],
    ['an anonymous caller', claims({})],
    ['an agency claim without the agency id', claims({ caller: 'agency' })],
    ['a citizen claim without the national ID', claims({ caller: 'citizen' })],
  ])('refuses %s any write', (_name, hub) => {
    expect(refusal(() => writerOf(hub, 'fileComplaint'))).toBe('WRITE_NOT_ALLOWED');
  });

  it("scopes keys by the agency, or by the citizen's own ID", () => {
    expect(principalOf(writerOf(fire, 'm'))).toBe('fire-bureau');
    expect(principalOf(writerOf(claims({ caller: 'citizen', citizen: WANG }), 'm'))).toBe(
      `citizen:${WANG}`,
    );
  });

  it('lets a citizen write only for themself, and an agency for anyone', () => {
    const wang = writerOf(claims({ caller: 'citizen', citizen: WANG }), 'm');
    expect(refusal(() => requireSelf(wang, WANG, 'm', 'input.id'))).toBeUndefined();
    expect(refusal(() => requireSelf(wang, LI, 'm', 'input.id'))).toBe('WRITE_NOT_ALLOWED');
    expect(refusal(() => requireSelf(wang, null, 'm', 'input.id'))).toBe('WRITE_NOT_ALLOWED');
    expect(refusal(() => requireSelf(writerOf(fire, 'm'), LI, 'm', 'input.id'))).toBeUndefined();
  });

  it("makes the agency's operator the author of its own department's decision", () => {
    expect(departmentOperator(deciderOf(fire, 'm'), 'FIRE_SERVICE', 'm')).toEqual({
      agency: 'fire-bureau',
      department: 'FIRE_SERVICE',
      operatorId: 'xf-7',
    });
  });

  it.each<[string, CallerTokenClaims, string]>([
    ['a citizen', claims({ caller: 'citizen', citizen: WANG }), 'WRITE_NOT_ALLOWED'],
    ['another department', { ...fire, department: 'HEALTH' }, 'DEPARTMENT_MISMATCH'],
    ['no department', { ...fire, department: undefined }, 'DEPARTMENT_MISMATCH'],
    ['no operator', { ...fire, operatorId: undefined }, 'OPERATOR_REQUIRED'],
    ['an empty operator', { ...fire, operatorId: '' }, 'OPERATOR_REQUIRED'],
    [
      'an operator id of 65 characters',
      { ...fire, operatorId: 'x'.repeat(65) },
      'OPERATOR_REQUIRED',
    ],
  ])('refuses a decision by %s', (_name, hub, code) => {
    expect(refusal(() => departmentOperator(deciderOf(hub, 'm'), 'FIRE_SERVICE', 'm'))).toBe(code);
  });
});
