import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import { COST_LIMIT_EXCEEDED, INVALID_ARGUMENT } from '@govgraph/schema/errors';
import { NationalIdScalar } from '@govgraph/schema/scalars';
import { formatPublicError, type RequestScope, useErrorMasking } from '@govgraph/server';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const SQL_FAILURE =
  'insert into person (national_id, name) values ($1, $2) - duplicate key value violates unique constraint "person_pkey"';

const typeDefs = `#graphql
  scalar NationalId
  type Query {
    person(id: NationalId!): String
    failingSql: String
    outOfRange: String
    unregisteredCode: String
  }
`;

const resolvers = {
  NationalId: NationalIdScalar,
  Query: {
    person: (_: unknown, args: { id: string }) => `person ${args.id}`,
    failingSql: () => {
      throw Object.assign(new Error(SQL_FAILURE), { code: '23505', detail: 'Key (id)=(1)' });
    },
    outOfRange: () => {
      throw INVALID_ARGUMENT.err('person(first: 0) is out of range: ask for 1 to 100 items.', {
        extensions: { argument: 'first', sql: 'select * from person', internalHint: 'x' },
      });
    },
    unregisteredCode: () => {
      throw new GraphQLError('agency 7 has no grant', { extensions: { code: 'NOT_A_CODE' } });
    },
  },
};

interface Logged {
  level: number;
  msg: string;
  requestId?: string;
  code?: string;
  err?: { message: string; stack: string };
}

describe('formatPublicError and useErrorMasking on a real Apollo Server', () => {
  const logged: Logged[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => logged.push(JSON.parse(line)) },
  );
  // Stack traces are switched on here to prove that the mask, not the setting, keeps them out.
  const server = new ApolloServer<RequestScope>({
    typeDefs,
    resolvers,
    formatError: formatPublicError,
    includeStacktraceInErrorResponses: true,
    plugins: [useErrorMasking<RequestScope>()],
  });

  const execute = async (query: string, variables?: Record<string, unknown>) => {
    const response: GraphQLResponse = await server.executeOperation(
      { query, variables },
      { contextValue: { requestId: 'req-42', logger: logger.child({ requestId: 'req-42' }) } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    logged.length = 0;
  });

  it('masks an error with SQL text and a stack as INTERNAL_ERROR with a generic message', async () => {
    const result = await execute('{ failingSql }');
    expect(result.data).toEqual({ failingSql: null });
    expect(result.errors).toEqual([
      {
        message: 'Internal error. Quote the request id to the operator; the logs hold the cause.',
        path: ['failingSql'],
        extensions: { code: 'INTERNAL_ERROR', requestId: 'req-42' },
      },
    ]);
    const body = JSON.stringify(result);
    for (const leak of [
      'person_pkey',
      'insert into',
      'stacktrace',
      'exception',
      '23505',
      'errorMasking.unit.test.ts',
    ]) {
      expect(body).not.toContain(leak);
    }
  });

  it('keeps the detail of a masked error in the log, with the request id', async () => {
    await execute('{ failingSql }');
    const line = logged.find((l) => l.err?.message === SQL_FAILURE);
    expect(line).toMatchObject({ level: 50, requestId: 'req-42', msg: 'request error' });
    expect(line?.err?.stack).toContain('errorMasking.unit.test.ts');
  });

  it('passes a registered code with its message, dropping unknown extensions', async () => {
    const result = await execute('{ outOfRange }');
    expect(result.errors).toEqual([
      {
        message: 'person(first: 0) is out of range: ask for 1 to 100 items.',
        locations: [{ line: 1, column: 3 }],
        path: ['outOfRange'],
        extensions: { code: 'INVALID_ARGUMENT', argument: 'first', requestId: 'req-42' },
      },
    ]);
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 30, requestId: 'req-42', code: 'INVALID_ARGUMENT' }),
    );
  });

  it('masks a code that is not in the registry', async () => {
    const result = await execute('{ unregisteredCode }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_ERROR', requestId: 'req-42' });
    expect(JSON.stringify(result)).not.toContain('agency 7');
  });

  it('reports a bad scalar literal by its own code, not GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await execute('{ person(id: "11010519491231002") }');
    expect(result.errors).toEqual([
      {
        message:
          'NationalId "11010519491231002" is invalid: a national ID has 18 characters; this one has 17.',
        locations: [{ line: 1, column: 14 }],
        extensions: { code: 'INVALID_NATIONAL_ID', requestId: 'req-42' },
      },
    ]);
  });

  it('reports a bad scalar variable by its own code, not BAD_USER_INPUT', async () => {
    const result = await execute('query ($id: NationalId!) { person(id: $id) }', {
      id: '110105194912310021',
    });
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'INVALID_NATIONAL_ID',
      requestId: 'req-42',
    });
    expect(result.errors?.[0]?.message).toContain('it should be X.');
  });

  it("passes Apollo Server's own registered codes through", async () => {
    const parse = await execute('{ person(');
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const validation = await execute('{ nobody }');
    expect(validation.errors?.[0]).toMatchObject({
      message: 'Cannot query field "nobody" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'req-42' },
    });
  });

  it('quotes only a prefix of a long value, wherever graphql-js or a scalar echoes it', async () => {
    const long = `1${'0'.repeat(100_000)}`;
    const variable = await execute('query ($id: NationalId!) { person(id: $id) }', { id: long });
    const prefix = `"1${'0'.repeat(31)}"… (100001 characters)`;
    expect(variable.errors?.[0]?.message).toBe(
      `Variable "$id" got invalid value ${prefix}; NationalId ${prefix} is invalid: a national ID has 18 characters; this one has 100001.`,
    );
    const literal = await execute(`{ person(id: "${long}") }`);
    expect(literal.errors?.[0]?.message).toBe(
      `NationalId ${prefix} is invalid: a national ID has 18 characters; this one has 100001.`,
    );
    const field = await execute(`{ ${'n'.repeat(5000)} }`);
    expect(field.errors?.[0]?.message).toBe(
      `Cannot query field "${'n'.repeat(32)}"… (5000 characters) on type "Query".`,
    );
  });

  it('leaves a long quotation in a message govgraph wrote itself as written', () => {
    const text = 'x'.repeat(200);
    const error = INVALID_ARGUMENT.err(`The resolution was "${text}".`);
    expect(formatPublicError(error.toJSON(), error).message).toBe(`The resolution was "${text}".`);
  });

  it('answers a valid operation without errors', async () => {
    const result = await execute('{ person(id: "11010519491231002x") }');
    expect(result).toEqual({ data: { person: 'person 11010519491231002X' } });
  });
});

describe('formatPublicError alone', () => {
  it('lets the deepest registered code in the cause chain win', () => {
    const inner = INVALID_ARGUMENT.err('after is not a cursor from this list.');
    const outer = new GraphQLError('Variable "$after" got invalid value', {
      originalError: inner,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(formatPublicError(outer.toJSON(), outer)).toEqual({
      message: 'Variable "$after" got invalid value',
      extensions: { code: 'INVALID_ARGUMENT' },
    });
  });

  it("shows a cost refusal's estimate and limit, but not its HTTP status", () => {
    const error = COST_LIMIT_EXCEEDED.err('Nothing was run.', {
      extensions: { cost: { estimated: 20_000, limit: 15_000 }, http: { status: 400 } },
    });
    expect(formatPublicError(error.toJSON(), error)).toEqual({
      message: 'Nothing was run.',
      extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { estimated: 20_000, limit: 15_000 } },
    });
  });

  it('masks a value that is not an Error at all', () => {
    expect(
      formatPublicError({ message: 'boom', extensions: { stacktrace: ['x'] } }, 'boom'),
    ).toEqual({
      message: 'Internal error. Quote the request id to the operator; the logs hold the cause.',
      extensions: { code: 'INTERNAL_ERROR' },
    });
  });
});
