import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchBatcher } from '../src/dataSource/fetchBatcher.js';
import { ResponseTooLargeError, timeoutFetcher } from '../src/dataSource/timeoutFetcher.js';

// The batcher against a real HTTP server standing in for a department: it records every request
// it receives and answers each operation with what it was asked (Apollo Server's batch shape: a
// JSON array of answers in order), or as the test sets it up.

interface Received {
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Answer = (body: unknown) => { status: number; body: string };

const echo: Answer = (body) => {
  const answerOf = (operation: unknown) => ({ data: { asked: operation } });
  return {
    status: 200,
    body: JSON.stringify(Array.isArray(body) ? body.map(answerOf) : answerOf(body)),
  };
};

/** A department that refuses every batch with this status and message, and answers singles. */
const refusingBatches =
  (status: number, message: string): Answer =>
  (body) =>
    Array.isArray(body) ? { status, body: JSON.stringify({ errors: [{ message }] }) } : echo(body);

let server: Server;
let url: string;
let received: Received[];
let answer: Answer;

beforeEach(async () => {
  received = [];
  answer = echo;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      received.push({ headers: req.headers, body });
      const { status, body: text } = answer(body);
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'max-age=30' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const HEADERS = {
  'content-type': 'application/json',
  'x-request-id': 'req-1',
  'x-govgraph-caller': 'token-a',
};

function operation(n: number, kind: 'query' | 'mutation' = 'query') {
  return { query: `${kind} Op${n} { f${n} }`, variables: { n } };
}

function init(body: unknown, headers: Record<string, string> = HEADERS) {
  return { method: 'POST', headers, body: JSON.stringify(body) };
}

function batcher(maxOperations = 16, maxResponseBytes?: number) {
  const fetch = timeoutFetcher(2000, maxResponseBytes ? { maxResponseBytes } : {});
  return createFetchBatcher(fetch, { maxOperations });
}

type Batcher = ReturnType<typeof createFetchBatcher>;

/** Sends these operations in one turn and reads each answer. */
async function answersOf(batcher: Batcher, ns: readonly number[]): Promise<unknown[]> {
  const responses = await Promise.all(ns.map((n) => batcher.fetch(url, init(operation(n)), true)));
  return Promise.all(responses.map((r) => r.json()));
}

/** What the echoing department answers each operation alone. */
const echoed = (ns: readonly number[]) => ns.map((n) => ({ data: { asked: operation(n) } }));

describe('batched department fetches', () => {
  it('sends the queries of one request leaving in one turn as one POST, each answered with its own', async () => {
    const { fetch } = batcher();
    const responses = await Promise.all([1, 2, 3].map((n) => fetch(url, init(operation(n)), true)));
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toEqual([operation(1), operation(2), operation(3)]);
    expect(received[0]?.headers['x-govgraph-caller']).toBe('token-a');
    const answers = await Promise.all(responses.map((r) => r.json()));
    expect(answers).toEqual([1, 2, 3].map((n) => ({ data: { asked: operation(n) } })));
    // The batch's status and headers are each part's.
    expect(responses.map((r) => [r.status, r.ok, r.headers.get('cache-control')])).toEqual([
      [200, true, 'max-age=30'],
      [200, true, 'max-age=30'],
      [200, true, 'max-age=30'],
    ]);
    expect(await responses[1]?.text()).toBe(JSON.stringify({ data: { asked: operation(2) } }));
  });

  it('sends a fetch alone in its turn as a single operation, not a batch of one', async () => {
    const { fetch } = batcher();
    const response = await fetch(url, init(operation(1)), true);
    expect(received.map((r) => r.body)).toEqual([operation(1)]);
    expect(await response.json()).toEqual({ data: { asked: operation(1) } });
  });

  it('never puts two requests (other request id or caller token) into one batch', async () => {
    const { fetch } = batcher();
    await Promise.all([
      fetch(url, init(operation(1)), true),
      fetch(url, init(operation(2), { ...HEADERS, 'x-request-id': 'req-2' }), true),
      fetch(url, init(operation(3), { ...HEADERS, 'x-govgraph-caller': 'token-b' }), true),
      fetch(url, init(operation(4)), true),
    ]);
    const bodies = received.map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(bodies).toContainEqual([operation(1), operation(4)]);
    expect(bodies).toContainEqual(operation(2));
    expect(bodies).toContainEqual(operation(3));
    const byRequest = received.map((r) => [
      r.headers['x-request-id'],
      r.headers['x-govgraph-caller'],
    ]);
    expect(byRequest).toContainEqual(['req-2', 'token-a']);
    expect(byRequest).toContainEqual(['req-1', 'token-b']);
  });

  it('never batches across turns: a fetch sent after an answer goes in its own request', async () => {
    const { fetch } = batcher();
    await fetch(url, init(operation(1)), true);
    await fetch(url, init(operation(2)), true);
    expect(received.map((r) => r.body)).toEqual([operation(1), operation(2)]);
  });

  it('sends a mutation alone, at once, even when queries of the same request leave with it', async () => {
    const { fetch } = batcher();
    await Promise.all([
      fetch(url, init(operation(1)), true),
      fetch(url, init(operation(2, 'mutation')), false),
      fetch(url, init(operation(3)), true),
    ]);
    const bodies = received.map((r) => r.body);
    expect(bodies).toHaveLength(2);
    // The mutation left first, alone; the queries after the turn, together.
    expect(bodies[0]).toEqual(operation(2, 'mutation'));
    expect(bodies[1]).toEqual([operation(1), operation(3)]);
  });

  it('never batches a fetch that is not a POST', async () => {
    const { fetch } = batcher();
    answer = (body) => echo(body);
    await Promise.all([
      fetch(url, init(operation(1)), true),
      fetch(url, { ...init(operation(2)), method: 'PUT' }, true),
      fetch(url, init(operation(3)), true),
    ]);
    const bodies = received.map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies).toContainEqual(operation(2));
    expect(bodies).toContainEqual([operation(1), operation(3)]);
  });

  it('splits a turn with more queries than a batch takes into several batches', async () => {
    const { fetch } = batcher(2);
    const responses = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => fetch(url, init(operation(n)), true)),
    );
    expect(received.map((r) => r.body)).toEqual([
      [operation(1), operation(2)],
      [operation(3), operation(4)],
      operation(5),
    ]);
    expect(await Promise.all(responses.map((r) => r.json()))).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ data: { asked: operation(n) } })),
    );
  });

  it('keeps a batch body under its byte bound: a larger part leaves alone', async () => {
    const fetch = timeoutFetcher(2000);
    const { fetch: send } = createFetchBatcher(fetch, { maxOperations: 16, maxBatchBytes: 200 });
    const big = { query: `query Big { f(x: "${'y'.repeat(300)}") }` };
    await Promise.all([
      send(url, init(operation(1)), true),
      send(url, init(operation(2)), true),
      send(url, init(big), true),
      send(url, init(operation(3)), true),
    ]);
    expect(received.map((r) => r.body)).toEqual([[operation(1), operation(2)], big, operation(3)]);
    for (const { body } of received) expect(JSON.stringify(body).length).toBeLessThan(400);
  });

  it('resends each part alone when the department finds the batch body too large (413)', async () => {
    answer = refusingBatches(413, 'The request body is too large.');
    const sender = batcher();
    expect(await answersOf(sender, [1, 2])).toEqual(echoed([1, 2]));
  });

  it('with batching set to 1, sends every fetch alone', async () => {
    const { fetch } = batcher(1);
    await Promise.all([1, 2].map((n) => fetch(url, init(operation(n)), true)));
    expect(received.map((r) => r.body)).toEqual([operation(1), operation(2)]);
  });

  it('resends each part alone to a department with batching off, and batches no more there', async () => {
    answer = refusingBatches(400, 'Operation batching disabled.');
    const sender = batcher();
    expect(await answersOf(sender, [1, 2])).toEqual(echoed([1, 2]));
    expect(received.map((r) => r.body)).toEqual([
      [operation(1), operation(2)],
      operation(1),
      operation(2),
    ]);
    received = [];
    expect(await answersOf(sender, [3, 4])).toEqual(echoed([3, 4]));
    expect(received.map((r) => r.body)).toEqual([operation(3), operation(4)]);
  });

  it('gives each part its own answer when one operation failed validation (400), running none again', async () => {
    // Apollo Server's answer: the whole batch 400, every operation's own answer in order; the
    // failed one has errors and no data, the others ran.
    const invalid = {
      errors: [
        {
          message: 'Cannot query field "f2" on type "Query".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    };
    answer = (body) => ({
      status: 400,
      body: JSON.stringify(
        (body as unknown[]).map((operation, i) =>
          i === 1 ? invalid : { data: { asked: operation } },
        ),
      ),
    });
    const { fetch } = batcher();
    const responses = await Promise.all([1, 2, 3].map((n) => fetch(url, init(operation(n)), true)));
    expect(received).toHaveLength(1);
    expect(responses.map((r) => [r.status, r.ok, r.statusText])).toEqual([
      [200, true, 'OK'],
      [400, false, 'Bad Request'],
      [200, true, 'OK'],
    ]);
    expect(await Promise.all(responses.map((r) => r.json()))).toEqual([
      { data: { asked: operation(1) } },
      invalid,
      { data: { asked: operation(3) } },
    ]);
    // A part that ran with an error in its data (null where it failed) ran: 200, as alone.
    answer = () => ({
      status: 400,
      body: JSON.stringify([{ data: null, errors: [{ message: 'failed' }] }, invalid]),
    });
    const [ran, refused] = await Promise.all(
      [4, 5].map((n) => fetch(url, init(operation(n)), true)),
    );
    expect([ran?.status, refused?.status]).toEqual([200, 400]);
  });

  it('resends each part alone when a 400 carries no answer per operation', async () => {
    for (const text of [
      JSON.stringify([{ data: {} }]),
      JSON.stringify([{ data: {} }, 'not an answer']),
      'not JSON',
    ]) {
      received = [];
      answer = (body) => (Array.isArray(body) ? { status: 400, body: text } : echo(body));
      expect(await answersOf(batcher(), [1, 2])).toEqual(echoed([1, 2]));
      expect(received.map((r) => r.body)).toEqual([
        [operation(1), operation(2)],
        operation(1),
        operation(2),
      ]);
    }
  });

  it('resends each part alone when a batch is refused for another reason before running', async () => {
    answer = refusingBatches(400, 'too many');
    const sender = batcher();
    expect(await answersOf(sender, [1, 2])).toEqual(echoed([1, 2]));
    // Not remembered as "batching off": the next turn is batched again.
    expect(await answersOf(sender, [3, 4])).toEqual(echoed([3, 4]));
    const refused = received.filter((r) => Array.isArray(r.body));
    expect(refused).toHaveLength(2);
  });

  it('gives every part the refusal of the request itself (a caller token refused)', async () => {
    answer = () => ({
      status: 401,
      body: JSON.stringify({
        errors: [{ message: 'no token', extensions: { code: 'HUB_CONTEXT_REQUIRED' } }],
      }),
    });
    const { fetch } = batcher();
    const responses = await Promise.all([1, 2].map((n) => fetch(url, init(operation(n)), true)));
    expect(received).toHaveLength(1);
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errors: [{ message: 'no token', extensions: { code: 'HUB_CONTEXT_REQUIRED' } }],
      });
    }
  });

  it('fails every part when the answer is not one answer per operation', async () => {
    answer = () => ({ status: 200, body: JSON.stringify([{ data: {} }]) });
    const { fetch } = batcher();
    const settled = await Promise.allSettled(
      [1, 2].map((n) => fetch(url, init(operation(n)), true)),
    );
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      expect(String((result as PromiseRejectedResult).reason)).toContain(
        'answered a batch of 2 operations with something else than 2 answers',
      );
    }
  });

  it('fails every part when the department cannot be reached', async () => {
    const { fetch } = batcher();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const settled = await Promise.allSettled(
      [1, 2].map((n) => fetch(url, init(operation(n)), true)),
    );
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(settled.map((s) => String((s as PromiseRejectedResult).reason))).toEqual([
      'TypeError: fetch failed',
      'TypeError: fetch failed',
    ]);
  });

  it('reads a batch up to the answer cap times its parts, and no further', async () => {
    // Each answer ~300 bytes; the cap 400 bytes per fetch.
    const pad = 'x'.repeat(250);
    answer = (body) => ({
      status: 200,
      body: JSON.stringify(
        Array.isArray(body) ? body.map(() => ({ data: { pad } })) : { data: { pad } },
      ),
    });
    const { fetch } = batcher(16, 400);
    const fits = await Promise.all([1, 2, 3].map((n) => fetch(url, init(operation(n)), true)));
    expect(await Promise.all(fits.map((r) => r.json()))).toEqual([
      { data: { pad } },
      { data: { pad } },
      { data: { pad } },
    ]);
    answer = (body) => ({
      status: 200,
      body: JSON.stringify((body as unknown[]).map(() => ({ data: { pad: 'x'.repeat(1000) } }))),
    });
    const settled = await Promise.allSettled(
      [1, 2].map((n) => fetch(url, init(operation(n)), true)),
    );
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ResponseTooLargeError);
    }
  });
});
