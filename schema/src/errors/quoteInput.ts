/** Characters of a caller's value an error message quotes. */
export const QUOTED_INPUT_CHARS = 32;

/**
 * A caller's value as an error message quotes it: JSON-quoted, and past `max` characters cut
 * to a prefix with the full length, so a 900 KB identifier yields a short error, not a copy.
 * A value that is not a string (an unverified token claim) is shown as JSON, clipped.
 */
export function quoteInput(value: unknown, max: number = QUOTED_INPUT_CHARS): string {
  if (typeof value !== 'string') return clipInput(JSON.stringify(value) ?? String(value), max);
  const chars = [...value];
  if (chars.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(chars.slice(0, max).join(''))}… (${chars.length} characters)`;
}

/** Like `quoteInput` for text shown as it is (a printed literal, a number): cut, not quoted. */
export function clipInput(text: string, max: number = QUOTED_INPUT_CHARS): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}… (${chars.length} characters)`;
}

// A JSON string literal inside a message, as graphql-js quotes values and names.
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * Cuts every quoted string in a message to `quoteInput`'s prefix: the backstop for messages
 * this code does not write (graphql-js echoes variable values, literals and names whole).
 */
export function boundQuotedInput(message: string, max: number = QUOTED_INPUT_CHARS): string {
  if (message.length <= max + 2) return message;
  return message.replace(QUOTED, (quoted) => {
    if (quoted.length <= max + 2) return quoted;
    try {
      return quoteInput(JSON.parse(quoted) as string, max);
    } catch {
      return clipInput(quoted, max);
    }
  });
}
