import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  BAD_REQUEST,
  GATEWAY_NOT_READY,
  INTERNAL_ERROR,
  RATE_LIMITED,
  UNAUTHENTICATED,
} from '@govgraph/schema/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLHandler, type Listening, listen } from '../src/httpServer.js';
import { sendError, sendRefusal } from '../src/sendError.js';

describe('errors answered over HTTP take their status from the registry', () => {
  let server: ApolloServer;
  let listening: Listening;

  beforeAll(async () => {
    server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }' });
    await server.start();
    const handler = createGraphQLHandler(server, {
      context: async (req) => {
        if (req.headers['x-api-key'] === 'bad') throw UNAUTHENTICATED.refusal('Unknown key.');
        return {};
      },
      maxBodyBytes: 1000,
      routes: {
        '/not-ready': (_req, res) => sendError(res, GATEWAY_NOT_READY, 'Starting.'),
        '/limited': (_req, res) =>
          sendRefusal(
            res,
            RATE_LIMITED.refusal('Slow down.', { headers: new HeaderMap([['retry-after', '3']]) }),
            { requestId: 'r1' },
          ),
        '/broken': async () => {
          throw new Error('secret detail');
        },
        '/broken-sync': () => {
          throw new Error('secret detail');
        },
      },
    });
    listening = await listen(handler, 0);
  });
  afterAll(async () => {
    await listening?.close();
    await server?.stop();
  });

  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${listening.url}${path}`, init);
    const body = (await res.json()) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    return { status: res.status, headers: res.headers, body };
  };
  const postJson = (body: string, headers: Record<string, string> = {}) =>
    call('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('answers a body that is not JSON 400 BAD_REQUEST', async () => {
    const { status, body } = await postJson('{not json');
    expect(status).toBe(BAD_REQUEST.httpStatus);
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a refused credential 401 UNAUTHENTICATED', async () => {
    const { status, body } = await postJson('{"query":"{ ok }"}', { 'x-api-key': 'bad' });
    expect(status).toBe(401);
    expect(body.errors[0]).toMatchObject({
      message: 'Unknown key.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(body.errors[0]?.extensions.http).toBeUndefined();
  });

  it('answers a route’s error with its code’s status', async () => {
    const { status, body } = await call('/not-ready');
    expect(status).toBe(503);
    expect(body).toEqual({
      errors: [{ message: 'Starting.', extensions: { code: 'GATEWAY_NOT_READY' } }],
    });
  });

  it('answers a refusal with its status and headers, and only the extensions given', async () => {
    const { status, headers, body } = await call('/limited');
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('3');
    expect(body).toEqual({
      errors: [{ message: 'Slow down.', extensions: { requestId: 'r1', code: 'RATE_LIMITED' } }],
    });
  });

  it('answers a failing route 500 INTERNAL_ERROR without its detail', async () => {
    const { status, body } = await call('/broken');
    expect(status).toBe(INTERNAL_ERROR.httpStatus);
    expect(body).toEqual({
      errors: [{ message: 'Internal error.', extensions: { code: 'INTERNAL_ERROR' } }],
    });
  });

  it('answers a route that throws synchronously 500 instead of leaving it hanging', async () => {
    const { status, body } = await call('/broken-sync');
    expect(status).toBe(INTERNAL_ERROR.httpStatus);
    expect(body).toEqual({
      errors: [{ message: 'Internal error.', extensions: { code: 'INTERNAL_ERROR' } }],
    });
  });

  it('answers a body over the limit 413, the one status HTTP names more sharply', async () => {
    const { status, body } = await postJson(`{"query":"${'x'.repeat(2000)}"}`);
    expect(status).toBe(413);
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });
});
