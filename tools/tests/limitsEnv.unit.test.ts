import { DEFAULT_REQUEST_LIMITS } from '@govgraph/gateway';
import { describe, expect, it } from 'vitest';
import { departments } from '../src/departments.js';
import { hubConfig } from '../src/hubConfig.js';

// `npm start` builds its gateway from hubConfig: the LIMIT_* variables reach it as they reach
// the production gateway (docs/limits.md).
describe('npm start’s request limits', () => {
  it('are the defaults, with what the LIMIT_* variables set', () => {
    expect(hubConfig(departments, {}).gateway.limits).toEqual(DEFAULT_REQUEST_LIMITS);
    expect(
      hubConfig(departments, { LIMIT_MAX_DEPTH: '20', LIMIT_MAX_RESPONSE_BYTES: '1000000' }).gateway
        .limits,
    ).toEqual({ ...DEFAULT_REQUEST_LIMITS, maxDepth: 20, maxResponseBytes: 1_000_000 });
  });

  it('stop the start on a bad value, naming the variable', () => {
    expect(() => hubConfig(departments, { LIMIT_MAX_TOKENS: '0' })).toThrow(
      /LIMIT_MAX_TOKENS is "0": must be at least 1/,
    );
  });
});
