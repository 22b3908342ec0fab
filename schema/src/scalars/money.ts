import { INVALID_MONEY } from '../errors/codes/input.js';
import { type Checker, makeStringScalar } from './makeStringScalar.js';

/** Money is carried as a decimal string, canonicalised to two decimals ("12" -> "12.00"). */
export const checkMoney: Checker = (value) => {
  const match = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) {
    return {
      ok: false,
      problem: 'money is a decimal string in CNY with at most two decimals, e.g. "1234.50".',
    };
  }
  const [, sign, whole = '0', cents = ''] = match;
  const amount = `${BigInt(whole)}.${cents.padEnd(2, '0')}`;
  // One canonical form per amount: "-0" and "-0.00" are written 0.00.
  return { ok: true, value: sign && amount !== '0.00' ? `-${amount}` : amount };
};

export const MoneyScalar = makeStringScalar({
  name: 'Money',
  description:
    'An amount in CNY as a decimal string with two decimals, e.g. `"1234.50"`; never a float, so no rounding.',
  code: INVALID_MONEY,
  check: checkMoney,
});

/** Integer cents as a `Money` string with two decimals: 123456 → "1234.56". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const SAFE_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A `Money` string as integer cents: "1234.5" → 123450. Departments store money as integer
 * cents so that sums are exact on both engines. Only for values that passed the scalar. The
 * scalar takes 15 digits before the point, more cents than a JavaScript number holds exactly
 * (about 90 trillion CNY): such an amount throws a RangeError instead of being rounded.
 */
export function parseCents(money: string): number {
  const [whole = '0', fraction = ''] = money.replace('-', '').split('.');
  const magnitude = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (magnitude > SAFE_CENTS) {
    throw new RangeError(
      `${money} CNY is more cents than a number holds exactly; keep it as its decimal string.`,
    );
  }
  const cents = Number(magnitude);
  return money.startsWith('-') && cents !== 0 ? -cents : cents;
}
