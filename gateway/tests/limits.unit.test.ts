import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@govgraph/server';
import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, gatewayConfig } from '../src/index.js';
import { countTokens, measureDocument } from '../src/limits/measureOperation.js';

// The measures behind the depth, alias, directive and token limits, and the LIMIT_* variables.
// The limits enforced end to end are in test/tests/limits.test.ts.

const measure = (text: string) => measureDocument(parse(text));
const CITIZEN_RECORD = fileURLToPath(new URL('../../citizen-record.graphql', import.meta.url));

describe('measureDocument', () => {
  it('counts depth, aliases and directives, fragments expanded where they are spread', () => {
    expect(
      measure(`query Q($v: Int @deprecated) @skip(if: false) {
        a: person { ...P ... on Person @include(if: true) { b: name } }
        c: people { nodes { ...P } }
      }
      fragment P on Person @include(if: true) { d: spouse { name @skip(if: false) } }`),
    ).toEqual({ depth: 4, aliases: 5, directives: 7 });
  });

  it('counts introspection like any field', () => {
    expect(measure(getIntrospectionQuery()).depth).toBe(15);
    expect(measure('{ __schema { types { fields { type { name } } } } }').depth).toBe(5);
  });

  it('takes the largest operation of a document', () => {
    expect(measure('query A { a { b { c } } } query B { x: a y: a }')).toEqual({
      depth: 3,
      aliases: 2,
      directives: 0,
    });
  });

  it('stays linear when spreads multiply: 2^40 expanded aliases counted at once', () => {
    const fragments = ['fragment F0 on Query { a: __typename }'];
    for (let i = 1; i <= 40; i++)
      fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
    const measured = measure(`{ ...F40 }\n${fragments.join('\n')}`);
    // 2^40 aliased fields, all but one repeating the response name `a`.
    expect(measured.aliases).toBe(2 ** 41 - 1);
    expect(measured.depth).toBe(1);
  });

  it('does not loop on fragments that spread each other (validation refuses them later)', () => {
    expect(
      measure(
        `{ ...A } fragment A on Query { x: a { ...B } } fragment B on Query { y: b { ...A } }`,
      ),
    ).toEqual({ depth: 3, aliases: 3, directives: 0 });
    expect(measure('{ ...Missing }')).toEqual({ depth: 0, aliases: 0, directives: 0 });
  });
});

describe('repeated fields', () => {
  const same = (count: number, field = 'indicator(code: "X") { code }') =>
    Array.from({ length: count }, () => field).join(' ');

  it('count every field written again under a response name already in the set', () => {
    expect(measure(`{ ${same(60)} }`).aliases).toBe(59);
    expect(measure(`{ a: x a: y b: x }`).aliases).toBe(3 + 1);
    expect(measure(`{ person { name ... on Person { name } } }`).aliases).toBe(1);
  });

  it('merge spread fragments into the set, however deeply they spread each other', () => {
    const fragments = Array.from(
      { length: 300 },
      (_, i) => `fragment F${i} on Query { ...G${i} } fragment G${i} on Query { ${same(1)} }`,
    );
    const spreads = Array.from({ length: 300 }, (_, i) => `...F${i}`).join(' ');
    expect(measure(`{ ${spreads} }\n${fragments.join('\n')}`).aliases).toBe(299);
  });

  it('count an unused fragment too: graphql-js validates it all the same', () => {
    expect(measure(`{ __typename } fragment U on Query { ${same(60)} }`).aliases).toBe(59);
  });

  it('count every field as repeated once comparing names would cost too much', () => {
    const chain = Array.from(
      { length: 999 },
      (_, i) => `fragment F${i + 1} on Query { x${i + 1} ...F${i} }`,
    );
    const measured = measure(`{ ...F999 }\nfragment F0 on Query { x0 }\n${chain.join('\n')}`);
    // 1,000 distinct fields, but merging the chain's names would take 500,000 steps.
    expect(measured.aliases).toBe(1000);
  });

  it('leave the hub’s own documents alone', () => {
    expect(measure(readFileSync(CITIZEN_RECORD, 'utf8'))).toEqual({
      depth: 6,
      aliases: 0,
      directives: 0,
    });
    expect(measure(getIntrospectionQuery({ inputValueDeprecation: true })).aliases).toBe(0);
  });
});

describe('countTokens', () => {
  it('counts what graphql-js counts, without comments', () => {
    expect(countTokens('{ a(b: "c") # comment\n }', 100)).toBe(8);
  });

  it('stops one past the limit', () => {
    expect(countTokens(`{ ${'a '.repeat(100_000)} }`, 5000)).toBe(5001);
  });

  it('stops at text the lexer refuses, for the parser to report', () => {
    expect(countTokens('{ a ^ b }', 100)).toBe(2);
  });
});

describe('LIMIT_* variables', () => {
  it('set the gateway’s defaults', () => {
    expect(
      gatewayConfig({
        LIMIT_MAX_DEPTH: '20',
        LIMIT_MAX_ALIASES: '100',
        LIMIT_MAX_DIRECTIVES: '60',
        LIMIT_MAX_TOKENS: '8000',
        LIMIT_MAX_COST: '20000',
        LIMIT_REQUESTS_PER_SECOND: '10',
        LIMIT_COST_PER_SECOND: '1000',
        LIMIT_MAX_RESPONSE_BYTES: '1048576',
      }).limits,
    ).toEqual({
      maxDepth: 20,
      maxAliases: 100,
      maxDirectives: 60,
      maxTokens: 8000,
      maxCost: 20000,
      requestsPerSecond: 10,
      costPerSecond: 1000,
      maxResponseBytes: 1048576,
    });
    expect(gatewayConfig({}).limits).toEqual(DEFAULT_REQUEST_LIMITS);
  });

  it('refuse values that are not whole, positive, or sane, naming the variable', () => {
    const bad = () =>
      gatewayConfig({ LIMIT_MAX_DEPTH: '0', LIMIT_MAX_TOKENS: 'many', LIMIT_MAX_ALIASES: '1e9' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/LIMIT_MAX_DEPTH is "0": must be at least 1/);
    expect(bad).toThrow(/LIMIT_MAX_TOKENS is "many": must be a whole number/);
    expect(bad).toThrow(/LIMIT_MAX_ALIASES is "1e9": must be at most 2000/);
  });
});
