import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ensureError } from '@govgraph/schema';

/** The fetch signature `RemoteGraphQLDataSource` calls. */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
export type FetcherResponse = Awaited<ReturnType<Fetcher>>;
export type FetcherInit = Parameters<Fetcher>[1];
export type FetcherHeaders = FetcherResponse['headers'];

/**
 * A `Fetcher` that also takes how many answers one call carries (a batch of fetches): it reads
 * up to the answer cap times that many.
 */
export type DepartmentFetch = (
  url: string,
  init: FetcherInit,
  answers?: number,
) => Promise<FetcherResponse>;

export interface TimeoutFetcherOptions {
  /** Connections kept open to the department at most (in use and idle). @default 256 */
  maxSockets?: number;
  /**
   * How long an idle connection stays open. Below the department's own keep-alive timeout
   * (Node's default 5 s, announced in `Keep-Alive: timeout=5`, which is honoured too), so the
   * gateway closes first and never writes to a socket the department is closing. @default 4000
   */
  idleTimeoutMs?: number;
  /**
   * The largest answer body read, in bytes. A larger one is refused from its Content-Length,
   * or, streamed, as soon as it passes the cap: the connection is closed and the body never
   * held whole. @default unlimited
   */
  maxResponseBytes?: number;
}

/** A department's answer was larger than the fetcher's `maxResponseBytes`; it was dropped. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(readonly limit: number) {
    super(`The department's answer exceeded ${limit} bytes and was dropped`);
  }
}

/**
 * A department answer's headers as Apollo's fetcher interface reads them, straight from Node's
 * parsed headers (names already lower-case): Apollo reads two of them per answer, and building
 * undici's `Headers` validated and copied every one on every fetch. Read-only, as an answer's are.
 */
class ReceivedHeaders implements FetcherHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  getSetCookie(): string[] {
    return [...(this.raw['set-cookie'] ?? [])];
  }
  forEach(
    callback: (value: string, key: string, parent: Headers) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
  *entries(): IterableIterator<[string, string]> {
    for (const key of Object.keys(this.raw).sort()) {
      const value = this.get(key);
      if (value !== null) yield [key, value];
    }
  }
  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  append(): void {
    throw new TypeError('A department answer’s headers are read-only');
  }
  set(): void {
    throw new TypeError('A department answer’s headers are read-only');
  }
  delete(): void {
    throw new TypeError('A department answer’s headers are read-only');
  }
}

/** A department answer held whole: its status and headers, and a body read only from memory. */
export abstract class HeldResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  abstract text(): Promise<string>;
  abstract json(): Promise<unknown>;
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone(): FetcherResponse {
    return this;
  }
}

// The body of an answer already read: Apollo reads each department answer once, as JSON.
class BufferedResponse extends HeldResponse {
  constructor(
    url: string,
    res: IncomingMessage,
    private readonly body: Buffer,
  ) {
    super(url, res.statusCode ?? 0, res.statusMessage ?? '', new ReceivedHeaders(res.headers));
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.body;
    return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return this.body.toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }
}

// The errors the data source classifies, shaped as Node's fetch (undici) throws them: a refused
// or reset connection is a TypeError "fetch failed", an expired deadline a TimeoutError.
const networkError = (cause: unknown) => new TypeError('fetch failed', { cause });
const timeoutError = (ms: number) =>
  new DOMException(`The department did not answer within ${ms} ms`, 'TimeoutError');

/**
 * A fetch for one department over a pooled keep-alive agent (node:http), giving up after
 * `timeoutMs` (connect, headers and body together). Node's global fetch keeps connections
 * alive too, but costs several times the CPU per request (WHATWG streams, a Request and an
 * AbortSignal per call); the gateway sends many small requests per caller request, so it
 * uses the plain client. A request that fails because a reused idle connection was reset
 * (the department closed it as we wrote) never reached the department and is sent once more.
 */
export function timeoutFetcher(
  timeoutMs: number,
  options: TimeoutFetcherOptions = {},
): DepartmentFetch {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    timeout: options.idleTimeoutMs ?? 4000,
    // The most recently used connection first: the pool shrinks back when load drops.
    scheduling: 'lifo' as const,
  };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const maxBytesPerAnswer = options.maxResponseBytes ?? Number.POSITIVE_INFINITY;

  const send = (
    url: URL,
    init: FetcherInit,
    deadline: number,
    retry: boolean,
    maxBytes: number,
  ): Promise<FetcherResponse> =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const body = init?.body;
      const req = (secure ? https : http).request(url, {
        method: init?.method ?? 'GET',
        headers: {
          ...init?.headers,
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
        agent: secure ? agents.https : agents.http,
      });
      const signal = init?.signal as AbortSignal | undefined;
      const abort = () => req.destroy(ensureError(signal?.reason));
      signal?.addEventListener('abort', abort, { once: true });
      const timer = setTimeout(() => req.destroy(timeoutError(timeoutMs)), deadline - Date.now());
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      };
      let failed = false;
      const fail = (error: Error) => {
        // Destroying the request after its response began fails both: the first error counts.
        if (failed) return;
        failed = true;
        settle();
        const code = (error as NodeJS.ErrnoException).code;
        if (retry && req.reusedSocket && code === 'ECONNRESET') {
          send(url, init, deadline, false, maxBytes).then(resolve, reject);
        } else {
          reject(
            error.name === 'TimeoutError' ||
              error.name === 'AbortError' ||
              error instanceof ResponseTooLargeError
              ? error
              : networkError(error),
          );
        }
      };
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('error', fail);
        // Failed first, then the connection closed: an answer that arrived whole in one read
        // still ends after the close, and must not resolve; the close's own errors are ignored.
        const tooLarge = () => {
          fail(new ResponseTooLargeError(maxBytes));
          req.destroy();
        };
        if (Number(res.headers['content-length'] ?? 0) > maxBytes) return tooLarge();
        res.on('data', (chunk: Buffer) => {
          if (failed) return;
          bytes += chunk.length;
          if (bytes > maxBytes) return tooLarge();
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (failed) return;
          settle();
          resolve(new BufferedResponse(url.href, res, Buffer.concat(chunks)));
        });
      });
      req.end(body);
    });

  // A department's URL is the same on every fetch: parse it once, not once per fetch.
  const parsed = new Map<string, URL>();
  const urlOf = (url: string): URL => {
    let known = parsed.get(url);
    if (!known) {
      known = new URL(url);
      if (parsed.size < 64) parsed.set(url, known);
    }
    return known;
  };
  return (url, init, answers = 1) =>
    send(urlOf(url), init, Date.now() + timeoutMs, true, maxBytesPerAnswer * answers);
}
