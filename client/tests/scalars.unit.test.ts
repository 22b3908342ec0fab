import { describe, expect, expectTypeOf, it } from 'vitest';
import { codegenScalars } from '../src/codegen.js';
import {
  checkScalar,
  InvalidScalarError,
  isScalar,
  type Money,
  type NationalId,
  nationalIdCheckChar,
  parseBuildingId,
  parseCreditCode,
  parseDate,
  parseDateTime,
  parseDivisionCode,
  parseMoney,
  parseNationalId,
  STANDARD_SCALAR_NAMES,
} from '../src/index.js';

// The standard's published examples, valid by their check characters.
const NATIONAL_ID = '11010519491231002X';
const CREDIT_CODE = '91350100M000100Y43';

describe('branded standard scalars', () => {
  it('builds a branded value from valid input, in the canonical form', () => {
    const id = parseNationalId(' 11010519491231002x ');
    expect(id).toBe(NATIONAL_ID);
    expectTypeOf(id).toEqualTypeOf<NationalId>();
    expect(parseCreditCode(CREDIT_CODE)).toBe(CREDIT_CODE);
    expect(parseDivisionCode('110105')).toBe('110105');
    expect(parseBuildingId('110105B00000042')).toBe('110105B00000042');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDateTime('2024-05-01T08:30:00+08:00')).toBe('2024-05-01T08:30:00+08:00');
    // @ts-expect-error a plain string is no NationalId: it must go through parseNationalId.
    const unchecked: NationalId = '11010519491231002X';
    expect(unchecked).toBe(NATIONAL_ID);
    const money: Money = parseMoney('12');
    expect(money).toBe('12.00');
  });

  it('explains a wrong check character with the one the first 17 digits call for', () => {
    const wrong = '110105194912310021';
    expect(nationalIdCheckChar(wrong.slice(0, 17))).toBe('X');
    const result = checkScalar('NationalId', wrong);
    expect(result).toEqual({
      ok: false,
      code: 'INVALID_NATIONAL_ID',
      problem: 'the check character is 1 but for these first 17 digits it should be X.',
      message:
        'NationalId "110105194912310021" is invalid: the check character is 1 but for these first 17 digits it should be X.',
    });
    expect(() => parseNationalId(wrong)).toThrow(InvalidScalarError);
    try {
      parseNationalId(wrong);
    } catch (error) {
      expect(error).toMatchObject({ scalar: 'NationalId', code: 'INVALID_NATIONAL_ID' });
    }
  });

  it('refuses each scalar’s malformed input with its registered code and a sentence', () => {
    const cases = [
      ['CreditCode', '91350100M000100Y44', 'INVALID_CREDIT_CODE', 'check character'],
      ['DivisionCode', '990105', 'INVALID_DIVISION_CODE', 'not a province code'],
      ['BuildingId', '110105-42', 'INVALID_BUILDING_ID', 'division code, the letter B'],
      ['Date', '2023-02-29', 'INVALID_DATE', 'not a day of the calendar'],
      ['DateTime', '2024-05-01 08:30', 'INVALID_DATETIME', 'RFC 3339'],
      ['Money', '12.345', 'INVALID_MONEY', 'at most two decimals'],
    ] as const;
    for (const [name, input, code, words] of cases) {
      const result = checkScalar(name, input);
      expect(result.ok, `${name} ${input}`).toBe(false);
      if (result.ok) continue;
      expect(result.code).toBe(code);
      expect(result.problem).toContain(words);
    }
  });

  it('quotes a long input only in part, as the gateway does', () => {
    const result = checkScalar('NationalId', '1'.repeat(5000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(200);
  });

  it('tells a canonical valid value from anything else', () => {
    expect(isScalar('NationalId', NATIONAL_ID)).toBe(true);
    expect(isScalar('NationalId', '11010519491231002x')).toBe(false);
    expect(isScalar('Money', '12')).toBe(false);
    expect(isScalar('CreditCode', 91350100)).toBe(false);
  });

  it('maps every standard scalar of the standards SDL for codegen', async () => {
    const { standardScalars } = await import('@govgraph/schema/scalars');
    expect([...STANDARD_SCALAR_NAMES].sort()).toEqual(Object.keys(standardScalars).sort());
    expect(codegenScalars().NationalId).toEqual({
      input: '@govgraph/client#NationalId',
      output: '@govgraph/client#NationalId',
    });
    expect(codegenScalars('./scalars').Money.output).toBe('./scalars#Money');
  });
});
