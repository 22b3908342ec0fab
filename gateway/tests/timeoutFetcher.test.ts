import { createServer, type RequestListener, type Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseTooLargeError, timeoutFetcher } from '../src/dataSource/timeoutFetcher.js';
import { freePort } from './support/index.js';

interface Department {
  url: string;
  server: Server;
  connections(): number;
}

async function startDepartment(handler: RequestListener): Promise<Department> {
  const server = createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    server,
    connections: () => connections,
  };
}

const echo: RequestListener = (req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'max-age=60');
    res.end(
      JSON.stringify({ data: { echo: body, method: req.method, id: req.headers['x-request-id'] } }),
    );
  });
};

const post = (body: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
  body,
});

describe('timeoutFetcher', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  const started = async (handler: RequestListener) => {
    const department = await startDepartment(handler);
    servers.push(department.server);
    return department;
  };

  it('sends method, headers and body and reads status, headers and JSON back', async () => {
    const department = await started(echo);
    const response = await timeoutFetcher(5000)(department.url, post('{"query":"{ a }"}'));
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=60');
    expect(await response.json()).toEqual({
      data: { echo: '{"query":"{ a }"}', method: 'POST', id: 'r-1' },
    });
  });

  it('reads the answer’s headers as fetch does, in either case, repeated ones joined, read-only', async () => {
    const department = await started((_req, res) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Trace', 'one');
      res.end('{}');
    });
    const { headers } = await timeoutFetcher(5000)(department.url, post('{}'));
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headers.get('CONTENT-TYPE')).toBe('application/json; charset=utf-8');
    expect(headers.has('x-trace')).toBe(true);
    expect(headers.get('x-missing')).toBeNull();
    expect(headers.get('set-cookie')).toBe('a=1, b=2');
    const entries = Object.fromEntries(headers);
    expect(entries).toMatchObject({ 'x-trace': 'one', 'set-cookie': 'a=1, b=2' });
    expect(Object.keys(entries)).toEqual(Object.keys(entries).sort());
    expect(() => headers.set('x-trace', 'two')).toThrow(TypeError);
  });

  it('keeps one connection alive for sequential requests, and a few for concurrent ones', async () => {
    const department = await started(echo);
    const fetcher = timeoutFetcher(5000);
    for (let i = 0; i < 20; i++) {
      const response = await fetcher(department.url, post(`{"n":${i}}`));
      expect(await response.json()).toEqual({
        data: { echo: `{"n":${i}}`, method: 'POST', id: 'r-1' },
      });
    }
    expect(department.connections()).toBe(1);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetcher(department.url, post(`{"n":${i}}`)).then((r) => r.json()),
      ),
    );
    expect(answers).toHaveLength(40);
    // 40 in flight at once need at most 40 connections; later ones reuse what is open.
    expect(department.connections()).toBeLessThanOrEqual(41);
    const before = department.connections();
    await fetcher(department.url, post('{}'));
    expect(department.connections()).toBe(before);
  });

  it('opens a new connection when the department closed the idle one', async () => {
    const department = await started(echo);
    department.server.keepAliveTimeout = 50;
    const fetcher = timeoutFetcher(5000);
    await fetcher(department.url, post('{}'));
    await delay(200);
    const response = await fetcher(department.url, post('{"again":true}'));
    expect(await response.json()).toEqual({
      data: { echo: '{"again":true}', method: 'POST', id: 'r-1' },
    });
    expect(department.connections()).toBe(2);
  });

  it('passes a failed status through with its body for the data source to classify', async () => {
    const department = await started((_req, res) => {
      res.statusCode = 503;
      res.end('overloaded');
    });
    const response = await timeoutFetcher(5000)(department.url, post('{}'));
    expect(response.ok).toBe(false);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('overloaded');
  });

  it('gives up with a TimeoutError when the department does not answer in time', async () => {
    const department = await started(() => {
      // Never answers.
    });
    await expect(timeoutFetcher(100)(department.url, post('{}'))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('fails like fetch ("fetch failed" TypeError) when nothing listens', async () => {
    const port = await freePort();
    const failure = timeoutFetcher(5000)(`http://127.0.0.1:${port}/graphql`, post('{}'));
    await expect(failure).rejects.toBeInstanceOf(TypeError);
    await expect(failure).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    });
  });

  it('stops reading a streamed answer at the size cap and closes the connection', async () => {
    // The department never ends its answer: reading it whole would last until the timeout.
    let closed = false;
    const department = await started((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => {
        clearInterval(timer);
        closed = true;
      });
    });
    const fetcher = timeoutFetcher(30_000, { maxResponseBytes: 256 * 1024 });
    await expect(fetcher(department.url, post('{}'))).rejects.toBeInstanceOf(ResponseTooLargeError);
    await delay(50);
    expect(closed).toBe(true);
  });

  it('refuses a chunked answer over the cap that arrives whole in one read', async () => {
    // No Content-Length (chunked), and small enough to be parsed in one read: the answer ends
    // right after the read that passed the cap. It used to resolve as an empty 200 while the
    // cap's error escaped as an uncaught exception.
    const department = await started((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(2000));
    });
    const fetcher = timeoutFetcher(5_000, { maxResponseBytes: 800 });
    await expect(fetcher(department.url, post('{}'))).rejects.toMatchObject({
      name: 'ResponseTooLargeError',
      limit: 800,
    });
    // The connection's close after the refusal reports nothing more.
    await delay(50);
    // A call carrying three answers (a batch) reads up to three caps: 2,400 bytes.
    expect(await (await fetcher(department.url, post('{}'), 3)).text()).toHaveLength(2000);
  });

  it('refuses an answer whose Content-Length is over the cap without reading it', async () => {
    const department = await started((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2048' });
      res.end('x'.repeat(2048));
    });
    const fetcher = timeoutFetcher(5_000, { maxResponseBytes: 1024 });
    await expect(fetcher(department.url, post('{}'))).rejects.toMatchObject({
      name: 'ResponseTooLargeError',
      limit: 1024,
    });
    // At the cap exactly it is read.
    const exact = timeoutFetcher(5_000, { maxResponseBytes: 2048 });
    expect(await (await exact(department.url, post('{}'))).text()).toHaveLength(2048);
  });
});
