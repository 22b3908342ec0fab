import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ApolloServer,
  type BaseContext,
  HeaderMap,
  type HTTPGraphQLRequest,
} from '@apollo/server';
import {
  BAD_REQUEST,
  INTERNAL_ERROR,
  ORIGIN_NOT_ALLOWED,
  quoteInput,
  RESPONSE_TOO_LARGE,
} from '@govgraph/schema/errors';
import { GraphQLError } from 'graphql';
import { appendVary, type CorsOutcome, type CorsPolicy, createCorsStep } from './cors.js';
import { formatPublicError } from './errorMasking.js';
import { refusalHeaders, refusalStatus, sendError, sendJson } from './sendError.js';

/** An origin is quoted whole up to this length (a host name may have 253 characters). */
const ORIGIN_QUOTE_CHARS = 128;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  /**
   * Builds the per-request context (loaders, identity) once the request id is known, before
   * anything is parsed or run. `body` is the request's JSON body (undefined for GET), for
   * counting its operations before any is parsed. Throwing a `GraphQLError` with
   * `extensions.http.status` refuses the request with that status and that one error (e.g. 401
   * for a bad credential), and with the headers of `extensions.http.headers` (e.g. `Retry-After`).
   */
  context: (req: IncomingMessage, requestId: string, body: unknown) => Promise<TContext>;
  /** Other routes served beside GraphQL, by exact path (e.g. `/health`). */
  routes?: Record<string, RouteHandler>;
  /** Path of the GraphQL endpoint. @default '/graphql' */
  path?: string;
  /** Largest accepted request body in bytes. @default 1_000_000 */
  maxBodyBytes?: number;
  /**
   * Give every request a fresh UUID instead of taking a well-formed `X-Request-Id` as its id.
   * The gateway's setting: a caller's id is theirs, not the hub's (departments take the
   * gateway's id, so their logs and the gateway's share it). @default false
   */
  assignRequestIds?: boolean;
  /**
   * The largest answer the request may receive, in bytes of the serialized body: a larger one is
   * refused whole with RESPONSE_TOO_LARGE (HTTP 400), never sent in part. Unset: no cap.
   */
  maxResponseBytes?: (context: TContext) => number | undefined;
  /** Told of every answer refused over `maxResponseBytes` (to log and count it). */
  onResponseTooLarge?: (context: TContext, bytes: number, max: number) => void;
  /**
   * The UTF-8 bytes of a complete answer's text when the application already holds them (the
   * gateway's response-cache hits), sent instead of encoding the text again. Unset or
   * undefined: the text is sent.
   */
  encodedBody?: (context: TContext, text: string) => Buffer | undefined;
  /**
   * Looks at the request once its context is built, before Apollo parses or validates anything
   * (the gateway's request limits). An error it returns, with `extensions.http.status`, refuses
   * the request with that status and that one error.
   */
  screen?: (request: HTTPGraphQLRequest, context: TContext) => GraphQLError | undefined;
  /**
   * Browser pages on other origins (docs/access.md#browser-apps-cors), on the GraphQL path only:
   * preflights answered without a credential, CORS headers for allowed origins, a preflight from
   * any other origin refused 403 `ORIGIN_NOT_ALLOWED` without CORS headers. Unset: no CORS
   * (the browser allows same-origin pages only).
   */
  cors?: CorsPolicy;
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** The request id from `X-Request-Id` when it is well formed, otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * A plain `node:http` listener in front of Apollo Server: JSON bodies, GET queries, extra
 * routes. It replaces `startStandaloneServer` (express, body-parser, cors) because the hub
 * needs its own routes beside GraphQL and a short hot path.
 */
export function createGraphQLHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: GraphQLHandlerOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const path = options.path ?? '/graphql';
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const routes = options.routes ?? {};
  const corsStep = options.cors ? createCorsStep(options.cors) : undefined;
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    const route = routes[pathname];
    if (route) {
      // Inside `then` so a route that throws synchronously is answered too, not left hanging.
      Promise.resolve()
        .then(() => route(req, res))
        .catch((error: unknown) => fail(res, error));
      return;
    }
    if (pathname !== path) {
      sendJson(res, 404, { error: `No route ${pathname}; GraphQL is served at ${path}.` });
      return;
    }
    const requestId = options.assignRequestIds ? randomUUID() : requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    // Until the GraphQL server says otherwise, nothing may be kept: refusals and errors
    // answered here (bad JSON, a bad credential, too large a body) are never shared.
    res.setHeader('cache-control', 'private, no-store');
    if (corsStep && answeredByCors(corsStep(req, res), req, res, requestId)) return;
    readBody(req, maxBody)
      .then(async (raw) => {
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined)
            headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        let body: unknown;
        if (raw.length > 0) {
          try {
            body = JSON.parse(raw);
          } catch {
            sendError(res, BAD_REQUEST, 'The request body is not valid JSON.', { requestId });
            return;
          }
        }
        const httpGraphQLRequest: HTTPGraphQLRequest = {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: q === -1 ? '' : url.slice(q),
          body,
        };
        let context: TContext;
        try {
          context = await options.context(req, requestId, body);
          const screened = options.screen?.(httpGraphQLRequest, context);
          if (screened) throw screened;
        } catch (error) {
          const status = error instanceof GraphQLError ? refusalStatus(error) : undefined;
          if (error instanceof GraphQLError && status !== undefined) {
            for (const [key, value] of refusalHeaders(error)) res.setHeader(key, value);
            const formatted = formatPublicError(error.toJSON(), error);
            sendJson(res, status, {
              errors: [{ ...formatted, extensions: { ...formatted.extensions, requestId } }],
            });
            return;
          }
          throw error;
        }
        const response = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest,
          context: async () => context,
        });
        const encoded =
          response.body.kind === 'complete'
            ? options.encodedBody?.(context, response.body.string)
            : undefined;
        const cap = options.maxResponseBytes?.(context);
        if (cap !== undefined) {
          const body = await wholeBody(response.body);
          const bytes = encoded?.length ?? Buffer.byteLength(body);
          if (bytes > cap) {
            options.onResponseTooLarge?.(context, bytes, cap);
            sendTooLarge(res, bytes, cap, requestId);
            return;
          }
          response.body = { kind: 'complete', string: body };
        }
        for (const [key, value] of response.headers) {
          if (key === 'vary') appendVary(res, value);
          else res.setHeader(key, value);
        }
        res.statusCode = response.status ?? 200;
        if (response.body.kind === 'complete') {
          res.end(encoded ?? response.body.string);
          return;
        }
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch((error: unknown) => fail(res, error));
  };
}

/** The whole answer as one string: a streamed one is gathered, so it can be measured before it is sent. */
async function wholeBody(
  body:
    | { kind: 'complete'; string: string }
    | { kind: 'chunked'; asyncIterator: AsyncIterableIterator<string> },
): Promise<string> {
  if (body.kind === 'complete') return body.string;
  let text = '';
  for await (const chunk of body.asyncIterator) text += chunk;
  return text;
}

function sendTooLarge(res: ServerResponse, bytes: number, max: number, requestId: string): void {
  sendError(
    res,
    RESPONSE_TOO_LARGE,
    `The answer is ${bytes} bytes, over the ${max} bytes this caller may receive, so none of it is sent. ` +
      'Ask for fewer fields or a smaller page (first), or ask the platform operator to raise maxResponseBytes for your agency.',
    { limit: { name: 'maxResponseBytes', value: bytes, max }, requestId },
  );
}

/**
 * True when the CORS step has answered the request (an allowed preflight), or it is answered
 * here: a preflight from an origin nobody allows (403, no CORS headers, so the browser blocks the
 * page; the body is for whoever reads devtools), or an `OPTIONS` that is no CORS preflight (204
 * with `Allow`).
 */
function answeredByCors(
  outcome: CorsOutcome,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): boolean {
  if (outcome === 'continue') return false;
  if (outcome === 'answered') return true;
  const origin = req.headers.origin;
  if (origin === undefined) {
    res.statusCode = 204;
    res.setHeader('allow', 'GET, POST, OPTIONS');
    res.end();
    return true;
  }
  // Drain the (normally empty) body so the connection stays usable.
  req.resume();
  sendError(
    res,
    ORIGIN_NOT_ALLOWED,
    `Browser pages on ${quoteInput(origin, ORIGIN_QUOTE_CHARS)} may not call this endpoint: the origin is not registered with the hub. Ask the platform operator to register it for your agency (npm run agency -- origin add <agency> <origin>).`,
    { requestId },
  );
  return true;
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped: destroying the socket here would reset the
      // connection before the caller could read the 413.
      if (size > max) {
        reject(new BodyTooLarge(`request body over ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A request body past `maxBodyBytes`: answered 413 rather than a generic failure. */
class BodyTooLarge extends Error {}

function fail(res: ServerResponse, error: unknown): void {
  if (error instanceof BodyTooLarge) {
    sendError(res, BAD_REQUEST, 'The request body is too large.', {}, 413);
    return;
  }
  sendError(res, INTERNAL_ERROR, 'Internal error.');
}

export interface Listening {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one) and resolves once the socket is bound. */
export function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host = '127.0.0.1',
): Promise<Listening> {
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: bound,
        url: `http://${host}:${bound}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
