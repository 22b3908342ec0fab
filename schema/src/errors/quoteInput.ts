/** Characters of a caller's value an error message quotes. */
export const QUOTED_INPUT_CHARS = 32;

/**
 * A caller's value as an error message quotes it: JSON-quoted, and past `max` characters cut
 * to a prefix with the full length, so a 900 KB identifier yields a short error, not a copy.
 */
export function quoteInput(value: string, max: number = QUOTED_INPUT_CHARS): string {
  const chars = [...value];
  if (chars.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(chars.slice(0, max).join(''))}… (${chars.length} characters)`;
}
