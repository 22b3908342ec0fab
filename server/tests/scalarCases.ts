import {
  creditCode,
  expectedCreditCodeCheck,
  expectedNationalIdCheck,
  nationalId,
} from './standardFormulas.js';

/** One way a value can be wrong, and the words the error message must use for it. */
export interface InvalidCase {
  name: string;
  value: unknown;
  problem: string;
}

export interface ScalarCases {
  code: string;
  /** Accepted inputs and the canonical value each becomes. */
  valid: [input: string, canonical: string][];
  invalid: InvalidCase[];
}

const notAString = (name: string, value: number): InvalidCase => ({
  name: `a number (${value})`,
  value,
  problem: `${name} must be a string; got`,
});

/** Every standard scalar by name: what it accepts and every way of being wrong. */
export const scalarCases: Record<string, ScalarCases> = {
  NationalId: {
    code: 'INVALID_NATIONAL_ID',
    valid: [
      ['11010519491231002X', '11010519491231002X'],
      ['11010519491231002x', '11010519491231002X'],
      [nationalId('44030420000229001'), nationalId('44030420000229001')],
    ],
    invalid: [
      {
        name: '17 characters',
        value: '11010519491231002',
        problem: 'a national ID has 18 characters; this one has 17.',
      },
      {
        name: '19 characters',
        value: '11010519491231002X1',
        problem: 'a national ID has 18 characters; this one has 19.',
      },
      {
        name: 'a letter at position 7',
        value: '110105A9491231002X',
        problem: 'character 7 is "A"; the first 17 characters are digits.',
      },
      {
        name: 'a check character that is neither digit nor X',
        value: '11010519491231002Y',
        problem: 'the check character is "Y"; it must be a digit or X.',
      },
      {
        name: 'an unknown province',
        value: nationalId('99010519491231002'),
        problem: 'the division code (digits 1-6): 99 is not a province code of GB/T 2260.',
      },
      {
        name: 'the impossible birth date 19490230',
        value: nationalId('11010519490230002'),
        problem: 'the birth date 19490230 (digits 7-14) is not a real date.',
      },
      {
        name: 'the birth month 13',
        value: nationalId('11010519491301002'),
        problem: 'the birth date 19491301 (digits 7-14) is not a real date.',
      },
      {
        name: 'a wrong check character',
        value: '110105194912310021',
        problem: `the check character is 1 but for these first 17 digits it should be ${expectedNationalIdCheck('11010519491231002')}.`,
      },
      notAString('NationalId', 110105),
    ],
  },
  CreditCode: {
    code: 'INVALID_CREDIT_CODE',
    valid: [
      ['91350100M000100Y43', '91350100M000100Y43'],
      [creditCode('92440300MA5ABCD1X'), creditCode('92440300MA5ABCD1X')],
    ],
    invalid: [
      {
        name: '17 characters',
        value: '91350100M000100Y4',
        problem: 'a credit code has 18 characters; this one has 17.',
      },
      ...['I', 'O', 'S', 'V', 'Z'].map((letter) => ({
        name: `the excluded letter ${letter}`,
        value: `91350100${letter}000100Y43`,
        problem: `character 9 is "${letter}", which is not in the alphabet 0-9 A-H J-N P Q R T U W X Y (no I, O, S, V, Z).`,
      })),
      {
        name: 'a lower-case letter',
        value: '91350100m000100Y43',
        problem: 'character 9 is "m", which is not in the alphabet',
      },
      {
        name: 'an unknown province in its division code',
        value: creditCode('91990100M000100Y4'),
        problem: 'the division code (characters 3-8): 99 is not a province code of GB/T 2260.',
      },
      {
        name: 'a wrong check character',
        value: '91350100M000100Y44',
        problem: `the check character is 4 but for these first 17 characters it should be ${expectedCreditCodeCheck('91350100M000100Y4')}.`,
      },
      notAString('CreditCode', 91350100),
    ],
  },
  DivisionCode: {
    code: 'INVALID_DIVISION_CODE',
    valid: [
      ['110105', '110105'],
      ['820000', '820000'],
    ],
    invalid: [
      { name: '5 digits', value: '11010', problem: 'a division code is exactly 6 digits.' },
      { name: 'a letter', value: '11010A', problem: 'a division code is exactly 6 digits.' },
      {
        name: 'an unknown province',
        value: '990105',
        problem: '99 is not a province code of GB/T 2260.',
      },
      notAString('DivisionCode', 110105),
    ],
  },
  BuildingId: {
    code: 'INVALID_BUILDING_ID',
    valid: [['110105B00000042', '110105B00000042']],
    invalid: [
      {
        name: 'another letter than B',
        value: '110105X00000042',
        problem: 'a building ID is a 6-digit division code, the letter B and an 8-digit serial',
      },
      {
        name: 'a 7-digit serial',
        value: '110105B0000042',
        problem: 'a building ID is a 6-digit division code, the letter B and an 8-digit serial',
      },
      {
        name: 'an unknown province',
        value: '990105B00000042',
        problem: 'the division code: 99 is not a province code of GB/T 2260.',
      },
    ],
  },
  Date: {
    code: 'INVALID_DATE',
    valid: [
      ['2024-02-29', '2024-02-29'],
      ['2000-02-29', '2000-02-29'],
      ['0000-02-29', '0000-02-29'],
      ['1999-12-31', '1999-12-31'],
    ],
    invalid: [
      {
        name: '29 February of a common year',
        value: '2023-02-29',
        problem: '2023-02-29 is not a day of the calendar.',
      },
      {
        name: '29 February of a century that is not a leap year',
        value: '1900-02-29',
        problem: '1900-02-29 is not a day of the calendar.',
      },
      {
        name: '31 April',
        value: '2023-04-31',
        problem: '2023-04-31 is not a day of the calendar.',
      },
      {
        name: 'month 13',
        value: '2023-13-01',
        problem: '2023-13-01 is not a day of the calendar.',
      },
      { name: 'unpadded digits', value: '2023-2-1', problem: 'a date is written YYYY-MM-DD.' },
      {
        name: 'a timestamp',
        value: '2023-02-01T00:00:00Z',
        problem: 'a date is written YYYY-MM-DD.',
      },
      notAString('Date', 20230101),
    ],
  },
  DateTime: {
    code: 'INVALID_DATETIME',
    valid: [
      ['2024-05-01T08:30:00+08:00', '2024-05-01T08:30:00+08:00'],
      ['2024-05-01T00:30:00Z', '2024-05-01T00:30:00Z'],
      ['2024-05-01T08:30:00.123456789-05:30', '2024-05-01T08:30:00.123456789-05:30'],
    ],
    invalid: [
      {
        name: 'no offset',
        value: '2024-05-01T08:30:00',
        problem: 'a timestamp is RFC 3339 with an offset, e.g. 2024-05-01T08:30:00+08:00.',
      },
      {
        name: 'a date alone',
        value: '2024-05-01',
        problem: 'a timestamp is RFC 3339 with an offset',
      },
      {
        name: 'hour 24',
        value: '2024-05-01T24:00:00Z',
        problem: 'a timestamp is RFC 3339 with an offset',
      },
      {
        name: 'a day that does not exist',
        value: '2023-02-29T08:30:00+08:00',
        problem: '2023-02-29 is not a day of the calendar.',
      },
      notAString('DateTime', 1714523400),
    ],
  },
  Money: {
    code: 'INVALID_MONEY',
    valid: [
      ['12.5', '12.50'],
      ['12', '12.00'],
      ['1234.50', '1234.50'],
      ['-3.1', '-3.10'],
      ['0.05', '0.05'],
      ['007', '7.00'],
      ['-0', '0.00'],
      ['999999999999999.99', '999999999999999.99'],
    ],
    invalid: [
      notAString('Money', 12.5),
      notAString('Money', 12),
      {
        name: 'three decimals',
        value: '12.345',
        problem: 'money is a decimal string in CNY with at most two decimals, e.g. "1234.50".',
      },
      { name: 'an exponent', value: '1e3', problem: 'at most two decimals' },
      { name: 'a decimal comma', value: '12,50', problem: 'at most two decimals' },
      { name: 'an empty string', value: '', problem: 'at most two decimals' },
      { name: 'a trailing point', value: '12.', problem: 'at most two decimals' },
    ],
  },
};
