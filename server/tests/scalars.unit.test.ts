import { errorRegistry } from '@govgraph/schema/errors';
import { checkDateTime, chinaDateTime, standardScalars } from '@govgraph/schema/scalars';
import { formatPublicError } from '@govgraph/server';
import {
  type ExecutionResult,
  type GraphQLFieldConfigMap,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  graphql,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { scalarCases } from './scalarCases.js';
import { expectedCreditCodeCheck, expectedNationalIdCheck } from './standardFormulas.js';

// A tiny schema with, for every standard scalar S, `inS(value: S!): S` (echoes its argument)
// and `outS: S` (returns whatever the root value holds, as a resolver would).
const fields: GraphQLFieldConfigMap<Record<string, unknown>, unknown> = {};
for (const scalar of Object.values(standardScalars)) {
  fields[`in${scalar.name}`] = {
    type: scalar,
    args: { value: { type: new GraphQLNonNull(scalar) } },
    resolve: (_root, args: { value: string }) => args.value,
  };
  fields[`out${scalar.name}`] = { type: scalar };
}
const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields }) });

const literal = (value: unknown) =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

const firstError = (result: ExecutionResult) => {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return error;
};

describe('the check-character formulas of GB 11643-1999 and GB 32100-2015 used by these tests', () => {
  it('reproduce the published examples', () => {
    expect(expectedNationalIdCheck('11010519491231002')).toBe('X');
    expect(expectedCreditCodeCheck('91350100M000100Y4')).toBe('3');
  });
});

it('covers every standard scalar', () => {
  expect(Object.keys(scalarCases).sort()).toEqual(Object.keys(standardScalars).sort());
});

describe.each(Object.entries(scalarCases))('%s', (name, cases) => {
  it('refuses with a code that is in the error registry', () => {
    expect(errorRegistry.has(cases.code)).toBe(true);
  });

  it.each(cases.valid)('accepts %j as a query literal and returns %j', async (input, canonical) => {
    const result = await graphql({ schema, source: `{ in${name}(value: ${literal(input)}) }` });
    expect(result).toEqual({ data: { [`in${name}`]: canonical } });
  });

  it.each(cases.valid)('accepts %j as a variable and returns %j', async (input, canonical) => {
    const result = await graphql({
      schema,
      source: `query ($v: ${name}!) { in${name}(value: $v) }`,
      variableValues: { v: input },
    });
    expect(result).toEqual({ data: { [`in${name}`]: canonical } });
  });

  it.each(cases.valid)('serializes %j returned by a resolver as %j', async (input, canonical) => {
    const result = await graphql({
      schema,
      source: `{ out${name} }`,
      rootValue: { [`out${name}`]: input },
    });
    expect(result).toEqual({ data: { [`out${name}`]: canonical } });
  });

  describe.each(cases.invalid)('refuses $name', ({ value, problem }) => {
    it('as a query literal, with the code, the problem and its location', async () => {
      const prefix = `{ in${name}(value: `;
      const result = await graphql({ schema, source: `${prefix}${literal(value)}) }` });
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      const error = firstError(result);
      // graphql-js 16 reports the scalar's own GraphQLError as the validation error.
      expect(error.extensions.code).toBe(cases.code);
      expect(error.message).toContain(name);
      expect(error.message).toContain(problem);
      expect(error.locations).toEqual([{ line: 1, column: prefix.length + 1 }]);
      const formatted = formatPublicError(error.toJSON(), error);
      expect(formatted.extensions?.code).toBe(cases.code);
      expect(formatted.message).toBe(error.message);
    });

    it('as a variable, with the code and the problem', async () => {
      const result = await graphql({
        schema,
        source: `query ($v: ${name}!) { in${name}(value: $v) }`,
        variableValues: { v: value },
      });
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      const error = firstError(result);
      expect(error.message).toContain(`Variable "$v" got invalid value ${JSON.stringify(value)}`);
      expect(error.message).toContain(problem);
      expect(error.extensions.code).toBe(cases.code);
      expect(error.originalError).toMatchObject({ extensions: { code: cases.code } });
      const formatted = formatPublicError(error.toJSON(), error);
      expect(formatted.extensions?.code).toBe(cases.code);
      expect(formatted.message).toBe(error.message);
    });

    it('on output, when a resolver returns it', async () => {
      const result = await graphql({
        schema,
        source: `{ out${name} }`,
        rootValue: { [`out${name}`]: value },
      });
      expect(result.data).toEqual({ [`out${name}`]: null });
      const error = firstError(result);
      expect(error.path).toEqual([`out${name}`]);
      expect(error.extensions.code).toBe(cases.code);
      expect(error.message).toContain(problem);
      expect(formatPublicError(error.toJSON(), error).extensions?.code).toBe(cases.code);
    });
  });
});

describe('messages', () => {
  it('name the national ID, the problem and the check character it should have', async () => {
    const result = await graphql({
      schema,
      source: '{ inNationalId(value: "110105194912310021") }',
    });
    expect(firstError(result).message).toBe(
      'NationalId "110105194912310021" is invalid: the check character is 1 but for these first 17 digits it should be X.',
    );
  });

  it('say what a number given for Money was', async () => {
    const asVariable = await graphql({
      schema,
      source: 'query ($v: Money!) { inMoney(value: $v) }',
      variableValues: { v: 12.5 },
    });
    expect(firstError(asVariable).message).toBe(
      'Variable "$v" got invalid value 12.5; Money must be a string; got number 12.5.',
    );
    const asLiteral = await graphql({ schema, source: '{ inMoney(value: 12.5) }' });
    expect(firstError(asLiteral).message).toBe('Money must be a string; got 12.5.');
  });

  it('quote at most 32 characters of a value, with its length', async () => {
    const long = 'Z'.repeat(40);
    const result = await graphql({ schema, source: `{ inNationalId(value: "${long}") }` });
    expect(firstError(result).message).toBe(
      `NationalId "${'Z'.repeat(32)}"… (40 characters) is invalid: a national ID has 18 characters; this one has 40.`,
    );
    const list = await graphql({ schema, source: `{ inMoney(value: [${'1, '.repeat(50)}1]) }` });
    expect(firstError(list).message).toMatch(
      /^Money must be a string; got \[1, 1, .{20,}… \(\d+ characters\)\.$/,
    );
  });
});

describe('chinaDateTime', () => {
  it('writes an instant in +08:00 to the second, across the date line of UTC', () => {
    const value = chinaDateTime(new Date('2025-02-28T17:30:15.900Z'));
    expect(value).toBe('2025-03-01T01:30:15+08:00');
    expect(checkDateTime(value)).toEqual({ ok: true, value });
  });
});
