import { checkNationalId, nationalIdCheckChar } from '@govgraph/schema/scalars';

/** What the clerk reads under the national ID field while typing; null when it is valid. */
export function nationalIdHint(typed: string): string | null {
  const value = typed.trim();
  if (value === '') return 'Type the 18-character national ID from the identity card.';
  const checked = checkNationalId(value);
  if (checked.ok) return null;
  const problem = checked.problem;
  // Everything else is right but the check character: most often one digit was mistyped.
  if (/^[0-9]{17}[0-9Xx]$/.test(value) && problem.startsWith('the check character is')) {
    const expected = nationalIdCheckChar(value);
    const last = value.charAt(17).toUpperCase();
    return `The last character should be ${expected}, not ${last} — check the digits: one of them is probably mistyped.`;
  }
  return `Not a valid national ID: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`;
}
