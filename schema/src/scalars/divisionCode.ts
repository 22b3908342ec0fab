import { INVALID_DIVISION_CODE } from '../errors/codes/input.js';
import { type Checker, makeStringScalar } from './makeStringScalar.js';

/** Province-level prefixes of GB/T 2260 (the first two digits of every division code). */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

/** Why a 6-digit division code is malformed, or null when it is well formed. */
export function divisionCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return 'a division code is exactly 6 digits.';
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) {
    return `${code.slice(0, 2)} is not a province code of GB/T 2260.`;
  }
  return null;
}

export const checkDivisionCode: Checker = (value) => {
  const problem = divisionCodeProblem(value);
  return problem ? { ok: false, problem } : { ok: true, value };
};

export const DivisionCodeScalar = makeStringScalar({
  name: 'DivisionCode',
  description:
    'A 6-digit administrative division code (GB/T 2260): two digits each for province, prefecture and county.',
  code: INVALID_DIVISION_CODE,
  check: checkDivisionCode,
});
