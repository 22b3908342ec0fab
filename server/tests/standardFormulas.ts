// The check-character formulas of README: The standards, written out again here so that tests compute
// the expected character independently of the code under test.

/** GB 11643-1999: S = Σ aᵢ·Wᵢ over the first 17 digits; check = "10X98765432"[S mod 11]. */
export function expectedNationalIdCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return '10X98765432'.charAt(sum % 11);
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015: S = Σ vᵢ·Wᵢ over the first 17; check = alphabet[(31 − S mod 31) mod 31]. */
export function expectedCreditCodeCheck(first17: string): string {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + w * ALPHABET.indexOf(first17.charAt(i)), 0);
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** A national ID made of these 17 digits and their correct check character. */
export const nationalId = (first17: string) => first17 + expectedNationalIdCheck(first17);

/** A credit code made of these 17 characters and their correct check character. */
export const creditCode = (first17: string) => first17 + expectedCreditCodeCheck(first17);
