import { buildDepartmentSchema, createDepartmentServer } from '@govgraph/department';
import { createLogger, type Listening, type RequestScope } from '@govgraph/server';
import { createTestCallerToken, type TestCallerToken } from '@govgraph/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const typeDefs = parse(`
  type Query {
    "Greets the caller."
    hello("Who to greet." name: String!): String!
      @classification(level: PUBLIC)
      @cacheControl(maxAge: 60)
    "A person's check character, to prove the standard scalars are in place."
    checkCharacter("A resident identity number." nationalId: NationalId!): String!
      @classification(level: PERSONAL)
    "The request id the resolver sees."
    requestId: String! @classification(level: PUBLIC)
    "Always fails with a database error."
    broken: String @classification(level: PUBLIC)
  }
`);

const resolvers = {
  Query: {
    hello: (_: unknown, args: { name: string }) => `hello ${args.name}`,
    checkCharacter: (_: unknown, args: { nationalId: string }) => args.nationalId.charAt(17),
    requestId: (_: unknown, _args: unknown, context: RequestScope) => context.requestId,
    broken: () => {
      throw new Error('select * from person where national_id = $1: connection reset');
    },
  },
};

interface Reply {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    [key: string]: unknown;
  };
}

describe('a department server on a free port', () => {
  let ready: () => Promise<boolean> = async () => true;
  let listening: Listening;
  let hub: TestCallerToken;

  const request = async (path: string, init?: RequestInit): Promise<Reply> => {
    const res = await fetch(`${listening.url}${path}`, init);
    return { status: res.status, headers: res.headers, body: (await res.json()) as Reply['body'] };
  };
  const post = async (body: unknown, headers: Record<string, string> = {}) =>
    request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await hub.headers()), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    hub = await createTestCallerToken();
    listening = await createDepartmentServer<RequestScope>({
      name: 'testdept',
      callerToken: hub.verifier,
      schema: buildDepartmentSchema(typeDefs, resolvers),
      logger: createLogger('testdept', 'silent'),
      context: (scope) => scope,
      ready: () => ready(),
    }).listen(0);
  });

  afterAll(() => listening?.close());

  beforeEach(() => {
    ready = async () => true;
  });

  it('listens on the port it was given (0 picks a free one)', () => {
    expect(listening.port).toBeGreaterThan(0);
    expect(listening.url).toBe(`http://127.0.0.1:${listening.port}`);
  });

  it('answers a POST query', async () => {
    const reply = await post({
      query: 'query ($n: String!) { hello(name: $n) }',
      variables: { n: 'desk' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(reply.body).toEqual({ data: { hello: 'hello desk' } });
  });

  it('serves no landing page to a browser, in any NODE_ENV (Apollo’s loads from its CDN)', async () => {
    const res = await fetch(`${listening.url}/graphql`, {
      headers: { accept: 'text/html', ...(await hub.headers()) },
    });
    const text = await res.text();
    // Not acceptable: the department answers JSON only.
    expect(res.status).toBe(406);
    expect(text).not.toMatch(/<html|apollographql\.com|embeddable/i);
  });

  it('answers a GET query', async () => {
    const query = encodeURIComponent('{ hello(name: "get") }');
    const reply = await request(`/graphql?query=${query}`, { headers: await hub.headers() });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: { hello: 'hello get' } });
  });

  it('parses the standard scalars, and reports a bad one by its code', async () => {
    const good = await post({ query: '{ checkCharacter(nationalId: "11010519491231002x") }' });
    expect(good.body).toEqual({ data: { checkCharacter: 'X' } });
    const bad = await post(
      { query: '{ checkCharacter(nationalId: "11010519491231002") }' },
      { 'x-request-id': 'scalar-1' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.extensions).toEqual({
      code: 'INVALID_NATIONAL_ID',
      requestId: 'scalar-1',
    });
  });

  it('masks a failing resolver and stamps the request id on the error', async () => {
    const reply = await post({ query: '{ broken }' }, { 'x-request-id': 'desk-7.trace_01' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-request-id')).toBe('desk-7.trace_01');
    expect(reply.body).toEqual({
      data: { broken: null },
      errors: [
        {
          message: 'Internal error. Quote the request id to the operator; the logs hold the cause.',
          path: ['broken'],
          extensions: { code: 'INTERNAL_ERROR', requestId: 'desk-7.trace_01' },
        },
      ],
    });
  });

  it('marks its answers private: made for one caller of the gateway, never for shared caches', async () => {
    const hinted = await post({ query: '{ hello(name: "desk") }' });
    // The max-age of the schema's hint stays for the gateway to read; the scope is private.
    expect(hinted.headers.get('cache-control')).toBe('max-age=60, private');
    const unhinted = await post({ query: '{ requestId }' });
    expect(unhinted.headers.get('cache-control')).toBe('no-store');
    const refused = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ requestId }' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('private, no-store');
  });

  it('echoes a valid x-request-id and hands it to the resolvers', async () => {
    const reply = await post({ query: '{ requestId }' }, { 'x-request-id': 'desk-7.trace_01' });
    expect(reply.headers.get('x-request-id')).toBe('desk-7.trace_01');
    expect(reply.body).toEqual({ data: { requestId: 'desk-7.trace_01' } });
  });

  it.each([
    ['spaces', 'two words'],
    ['a header injection attempt', 'a\tb'],
    ['65 characters', 'x'.repeat(65)],
  ])('replaces an x-request-id with %s by a fresh UUID', async (_what, given) => {
    const reply = await post({ query: '{ requestId }' }, { 'x-request-id': given });
    const id = reply.headers.get('x-request-id') ?? '';
    expect(id).toMatch(UUID);
    expect(reply.body).toEqual({ data: { requestId: id } });
  });

  it('gives every request without an id its own', async () => {
    const [a, b] = await Promise.all([
      post({ query: '{ requestId }' }),
      post({ query: '{ requestId }' }),
    ]);
    expect(a?.headers.get('x-request-id')).toMatch(UUID);
    expect(a?.headers.get('x-request-id')).not.toBe(b?.headers.get('x-request-id'));
  });

  it('answers /health', async () => {
    const reply = await request('/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok', department: 'testdept' });
  });

  it('answers /ready with 200 when ready and 503 when not or when the check fails', async () => {
    expect(await request('/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', department: 'testdept' },
    });
    ready = async () => false;
    expect(await request('/ready')).toMatchObject({
      status: 503,
      body: { status: 'not ready', department: 'testdept' },
    });
    ready = async () => {
      throw new Error('database unreachable');
    };
    expect(await request('/ready')).toMatchObject({ status: 503, body: { status: 'not ready' } });
  });

  it('answers 404 for an unknown path, naming where GraphQL is', async () => {
    const reply = await request('/graphq1?query=%7B__typename%7D');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ error: 'No route /graphq1; GraphQL is served at /graphql.' });
  });

  it('answers 400 BAD_REQUEST for a body that is not JSON', async () => {
    const reply = await post('{"query": "{ hello(name: \\"x\\") }"', { 'x-request-id': 'json-1' });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('x-request-id')).toBe('json-1');
    expect(reply.body).toEqual({
      errors: [
        {
          message: 'The request body is not valid JSON.',
          extensions: { code: 'BAD_REQUEST', requestId: 'json-1' },
        },
      ],
    });
  });

  it('answers 413 BAD_REQUEST for a body over the limit', async () => {
    const reply = await post({ query: '{ hello(name: "x") }', padding: 'x'.repeat(1_100_000) });
    expect(reply.status).toBe(413);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('publishes its SDL to the gateway with the standards in front', async () => {
    const reply = await post({ query: '{ _service { sdl } }' });
    const service = reply.body.data?._service as { sdl?: string } | undefined;
    const sdl = service?.sdl ?? '';
    expect(sdl).toContain('hello(');
    expect(sdl).toContain('@classification(level: PUBLIC)');
    expect(sdl).toContain('scalar NationalId');
  });
});
