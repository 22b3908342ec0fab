import { INVALID_NATIONAL_ID } from '../errors/codes/input.js';
import { isRealDate } from './date.js';
import { divisionCodeProblem } from './divisionCode.js';
import { type Checker, makeStringScalar } from './makeStringScalar.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character (GB 11643-1999) for the first 17 digits of a resident identity number. */
export function nationalIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export const checkNationalId: Checker = (raw) => {
  // A lower-case x is a common way of typing the check character; the canonical form is X.
  const value = raw.endsWith('x') ? `${raw.slice(0, -1)}X` : raw;
  if (value.length !== 18) {
    return { ok: false, problem: `a national ID has 18 characters; this one has ${value.length}.` };
  }
  const bad = /[^0-9]/.exec(value.slice(0, 17));
  if (bad) {
    return {
      ok: false,
      problem: `character ${bad.index + 1} is ${JSON.stringify(bad[0])}; the first 17 characters are digits.`,
    };
  }
  const last = value.charAt(17);
  if (!/[0-9X]/.test(last)) {
    return {
      ok: false,
      problem: `the check character is ${JSON.stringify(last)}; it must be a digit or X.`,
    };
  }
  const divisionProblem = divisionCodeProblem(value.slice(0, 6));
  if (divisionProblem)
    return { ok: false, problem: `the division code (digits 1-6): ${divisionProblem}` };
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number) as [
    number,
    number,
    number,
  ];
  if (y < 1800 || !isRealDate(y, m, d)) {
    return {
      ok: false,
      problem: `the birth date ${value.slice(6, 14)} (digits 7-14) is not a real date.`,
    };
  }
  const expected = nationalIdCheckChar(value);
  if (last !== expected) {
    return {
      ok: false,
      problem: `the check character is ${last} but for these first 17 digits it should be ${expected}.`,
    };
  }
  return { ok: true, value };
};

export const NationalIdScalar = makeStringScalar({
  name: 'NationalId',
  description:
    '18-character resident identity number (GB 11643-1999): division code, birth date, sequence (odd 17th digit = male) and check character.',
  code: INVALID_NATIONAL_ID,
  check: checkNationalId,
});
