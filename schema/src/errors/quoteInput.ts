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

// A JSON string literal inside a message, as graphql-js quotes values and names; or a run of
// more than `max` unquoted characters: graphql-js shows an object's keys unquoted (`got
// invalid value { <key>: 1 }`), and its own words are short.
const echoed = (max: number) => new RegExp(`"(?:[^"\\\\]|\\\\.)*"|[^\\s"]{${max + 1},}`, 'g');

/** Characters of a message graphql-js wrote, past which it is cut whatever it holds. */
const ECHO_MESSAGE_CHARS = 2000;

/**
 * Cuts every quoted string in a message to `quoteInput`'s prefix, and every unquoted run of
 * more than `max` characters to `clipInput`'s: the backstop for messages this code does
 * not write (graphql-js echoes variable values, literals, names and object keys whole). What
 * is left past ECHO_MESSAGE_CHARS (an object with thousands of short keys) is cut too.
 */
export function boundQuotedInput(message: string, max: number = QUOTED_INPUT_CHARS): string {
  if (message.length <= max + 2) return message;
  const bounded = message.replace(echoed(max), (echo) => {
    if (!echo.startsWith('"')) return clipInput(echo, max);
    if (echo.length <= max + 2) return echo;
    try {
      return quoteInput(JSON.parse(echo) as string, max);
    } catch {
      return clipInput(echo, max);
    }
  });
  return clipInput(bounded, ECHO_MESSAGE_CHARS);
}
