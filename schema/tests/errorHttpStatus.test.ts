import { describe, expect, it } from 'vitest';
import {
  BAD_REQUEST,
  DEPARTMENT_UNAVAILABLE,
  ensureError,
  errorRegistry,
  FORBIDDEN,
  INTERNAL_ERROR,
  RATE_LIMITED,
  UNAUTHENTICATED,
} from '../src/errors/index.js';

describe('error codes and HTTP', () => {
  it('gives every code an HTTP status that fits its category, and a description', () => {
    const byCategory: Record<string, readonly number[]> = {
      input: [200, 400, 404, 409, 413],
      access: [401, 403, 429],
      availability: [429, 502, 503, 504],
      internal: [500],
    };
    for (const def of errorRegistry.values()) {
      expect(byCategory[def.category], def.code).toContain(def.httpStatus);
      expect(def.description.length, def.code).toBeGreaterThan(20);
    }
  });

  it('answers the statuses clients rely on', () => {
    expect(BAD_REQUEST.httpStatus).toBe(400);
    expect(UNAUTHENTICATED.httpStatus).toBe(401);
    expect(FORBIDDEN.httpStatus).toBe(403);
    expect(RATE_LIMITED.httpStatus).toBe(429);
    expect(INTERNAL_ERROR.httpStatus).toBe(500);
    expect(DEPARTMENT_UNAVAILABLE.httpStatus).toBe(503);
  });

  it('builds a refusal carrying the registry status and its headers', () => {
    const headers = new Map([['retry-after', '2']]);
    const error = RATE_LIMITED.refusal('Slow down.', {
      extensions: { retryAfterSeconds: 2, code: 'SPOOFED' },
      headers,
    });
    expect(error.message).toBe('Slow down.');
    expect(error.extensions).toEqual({
      retryAfterSeconds: 2,
      code: 'RATE_LIMITED',
      http: { status: 429, headers },
    });
    expect(UNAUTHENTICATED.refusal('No.').extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
  });

  it('builds a JSON error body whose code cannot be overridden', () => {
    expect(BAD_REQUEST.body('Not JSON.', { requestId: 'r1', code: 'SPOOFED' })).toEqual({
      errors: [{ message: 'Not JSON.', extensions: { requestId: 'r1', code: 'BAD_REQUEST' } }],
    });
  });
});

describe('ensureError', () => {
  it('passes an Error through unchanged', () => {
    const error = new TypeError('bad');
    expect(ensureError(error)).toBe(error);
  });

  it('wraps a thrown string or object, keeping it as the cause', () => {
    const fromString = ensureError('disk full');
    expect(fromString).toBeInstanceOf(Error);
    expect(fromString.message).toBe('disk full');
    expect(fromString.cause).toBe('disk full');
    expect(ensureError({ errno: 28 }).message).toBe('{"errno":28}');
    expect(ensureError(undefined).message).toBe('undefined');
  });

  it('describes a value JSON cannot print', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(ensureError(cyclic).message).toBe('[object Object]');
    expect(ensureError(10n).message).toBe('10');
  });
});
