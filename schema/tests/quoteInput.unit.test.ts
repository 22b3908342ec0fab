import { describe, expect, it } from 'vitest';
import { boundQuotedInput, clipInput, quoteInput } from '../src/errors/index.js';

describe('quoting input in error messages', () => {
  it('quotes a short value whole, and a long one as a 32-character prefix with its length', () => {
    expect(quoteInput('12345')).toBe('"12345"');
    expect(quoteInput('a'.repeat(32))).toBe(`"${'a'.repeat(32)}"`);
    expect(quoteInput('a'.repeat(900_000))).toBe(`"${'a'.repeat(32)}"… (900000 characters)`);
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    const han = '张'.repeat(40);
    expect(quoteInput(han)).toBe(`"${'张'.repeat(32)}"… (40 characters)`);
    const emoji = '😀'.repeat(33);
    expect(quoteInput(emoji)).toBe(`"${'😀'.repeat(32)}"… (33 characters)`);
  });

  it('shows a value that is not a string as JSON, clipped', () => {
    expect(quoteInput(5)).toBe('5');
    expect(quoteInput(null)).toBe('null');
    expect(quoteInput(undefined)).toBe('undefined');
    expect(quoteInput({ a: 'b'.repeat(100) })).toBe(`{"a":"${'b'.repeat(26)}… (108 characters)`);
  });

  it('clips unquoted text the same way', () => {
    expect(clipInput('[1, 2]')).toBe('[1, 2]');
    expect(clipInput('x'.repeat(50))).toBe(`${'x'.repeat(32)}… (50 characters)`);
  });

  it('cuts every long quoted string in a message, escapes included, and leaves short ones', () => {
    const long = `a\\"${'b'.repeat(40)}`;
    const message = `Variable "$id" got invalid value "${long}"; Expected type "NationalId".`;
    expect(boundQuotedInput(message)).toBe(
      `Variable "$id" got invalid value ${quoteInput(JSON.parse(`"${long}"`) as string)}; Expected type "NationalId".`,
    );
    expect(boundQuotedInput('short "x" message')).toBe('short "x" message');
  });

  it('cuts a long unquoted run (an object key graphql-js printed) and caps what is left', () => {
    const key = 'k'.repeat(40);
    expect(boundQuotedInput(`got invalid value { ${key}: 1 }`)).toBe(
      `got invalid value { ${'k'.repeat(32)}… (41 characters) 1 }`,
    );
    const words = `got invalid value { ${'ab '.repeat(5_000)}: 1 }`;
    expect(boundQuotedInput(words)).toBe(`${words.slice(0, 2_000)}… (${words.length} characters)`);
  });
});
