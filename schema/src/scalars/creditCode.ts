import { INVALID_CREDIT_CODE } from '../errors/codes/input.js';
import { divisionCodeProblem } from './divisionCode.js';
import { type Checker, makeStringScalar } from './makeStringScalar.js';

/** GB 32100-2015 alphabet: digits and upper-case letters without I, O, S, V, Z. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a Unified Social Credit Code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export const checkCreditCode: Checker = (value) => {
  if (value.length !== 18) {
    return { ok: false, problem: `a credit code has 18 characters; this one has ${value.length}.` };
  }
  for (let i = 0; i < 18; i++) {
    const c = value.charAt(i);
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      return {
        ok: false,
        problem: `character ${i + 1} is ${JSON.stringify(c)}, which is not in the alphabet 0-9 A-H J-N P Q R T U W X Y (no I, O, S, V, Z).`,
      };
    }
  }
  const divisionProblem = divisionCodeProblem(value.slice(2, 8));
  if (divisionProblem) {
    return { ok: false, problem: `the division code (characters 3-8): ${divisionProblem}` };
  }
  const expected = creditCodeCheckChar(value);
  if (value.charAt(17) !== expected) {
    return {
      ok: false,
      problem: `the check character is ${value.charAt(17)} but for these first 17 characters it should be ${expected}.`,
    };
  }
  return { ok: true, value };
};

export const CreditCodeScalar = makeStringScalar({
  name: 'CreditCode',
  description:
    '18-character Unified Social Credit Code (GB 32100-2015) of a legal entity: registration authority, kind, division code, organization code and check character.',
  code: INVALID_CREDIT_CODE,
  check: checkCreditCode,
});
