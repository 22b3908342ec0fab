import { describe, expect, it } from 'vitest';
import { errorCodes, firstError, firstErrorCode } from '../src/index.js';

const refused = {
  data: null,
  errors: [
    { message: 'Not granted: Person.name.', extensions: { code: 'FORBIDDEN' } },
    { message: 'Too deep.', extensions: { code: 'DEPTH_LIMIT_EXCEEDED' } },
    { message: 'No code at all.' },
  ],
};

describe('the GraphQL error helpers', () => {
  it('read the first error’s code, every code in order, and the first error', () => {
    expect(firstErrorCode(refused)).toBe('FORBIDDEN');
    expect(errorCodes(refused)).toEqual(['FORBIDDEN', 'DEPTH_LIMIT_EXCEEDED', undefined]);
    expect(firstError(refused).message).toBe('Not granted: Person.name.');
  });

  it('find no code in an answer without errors, and firstError says what came instead', () => {
    const answered = { data: { person: { name: 'Wang Fang' } } };
    expect(firstErrorCode(answered)).toBeUndefined();
    expect(errorCodes(answered)).toEqual([]);
    expect(() => firstError(answered)).toThrow(
      'expected an error, got {"data":{"person":{"name":"Wang Fang"}}}',
    );
  });
});
