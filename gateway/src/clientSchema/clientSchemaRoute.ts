import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessRegistry } from '@govgraph/governance';
import { BAD_REQUEST, GATEWAY_NOT_READY } from '@govgraph/schema';
import { type RouteHandler, refusalStatus, sendError, sendRefusal } from '@govgraph/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { AccessPolicy, Reader } from '../access/useAccessPolicy.js';
import { PRIVATE_NO_STORE } from '../cache/useCacheControlHeader.js';
import { printClientSchema } from './printClientSchema.js';

export const CLIENT_SCHEMA_PATH = '/schema.graphql';
export const CLIENT_SCHEMA_CONTENT_TYPE = 'application/graphql; charset=utf-8';

export interface ClientSchemaRouteOptions {
  /**
   * Identifies the caller as `/graphql` does, and charges its rate budget: throws a GraphQLError
   * with `extensions.http` (401 bad credential, 400 bad header, 429 over the rate).
   */
  identify: (req: IncomingMessage, requestId: string) => Promise<Reader>;
  /** Knows the registered purposes; none (access layer off): no purpose is checked. */
  registry: AccessRegistry | undefined;
  /** Cuts the schema to what the caller may read; none: the whole API schema. */
  policy: AccessPolicy | undefined;
  /** The API schema of the supergraph being served; undefined until one is loaded. */
  apiSchema: () => GraphQLSchema | undefined;
}

/**
 * `GET /schema.graphql`: the client schema the caller may see, as SDL, for codegen and editors.
 * The caller is identified exactly as on `/graphql` (`X-Api-Key` or `Authorization`, and
 * `X-Purpose`); anonymous callers get the public schema. Errors are JSON with registered codes.
 */
export function clientSchemaRoutes(
  options: ClientSchemaRouteOptions,
): Record<string, RouteHandler> {
  const etags = new WeakMap<GraphQLSchema, string>();
  const etagOf = (schema: GraphQLSchema, sdl: string): string => {
    let etag = etags.get(schema);
    if (!etag) {
      etag = `"${createHash('sha256').update(sdl).digest('base64url')}"`;
      etags.set(schema, etag);
    }
    return etag;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    res.setHeader('cache-control', PRIVATE_NO_STORE);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendError(res, BAD_REQUEST, 'The schema is read with GET (or HEAD).', { requestId }, 405);
      return;
    }
    const schema = options.apiSchema();
    if (!schema) {
      res.setHeader('retry-after', '5');
      sendError(
        res,
        GATEWAY_NOT_READY,
        'The gateway is starting and has not loaded its supergraph yet. Retry in a few seconds.',
        { requestId },
      );
      return;
    }
    let reader: Reader;
    try {
      reader = await readerOf(await options.identify(req, requestId), options.registry);
    } catch (error) {
      if (!(error instanceof GraphQLError) || refusalStatus(error) === undefined) throw error;
      sendRefusal(res, error, { requestId });
      return;
    }
    const readable = options.policy ? options.policy.readableSchema(schema, reader) : schema;
    const sdl = printClientSchema(readable);
    sendSdl(req, res, sdl, etagOf(readable, sdl), reader.caller.kind === 'anonymous');
  };
  return { [CLIENT_SCHEMA_PATH]: handle };
}

/** The SDL with its validators; 304 when the caller holds this version already. */
function sendSdl(
  req: IncomingMessage,
  res: ServerResponse,
  sdl: string,
  etag: string,
  anonymous: boolean,
): void {
  res.setHeader('etag', etag);
  res.setHeader('vary', 'authorization, x-api-key, x-purpose');
  // One caller's schema is theirs alone; the public one may be kept, but revalidated.
  if (anonymous) res.setHeader('cache-control', 'no-cache');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('content-type', CLIENT_SCHEMA_CONTENT_TYPE);
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(req.method === 'HEAD' ? undefined : sdl);
}

/**
 * The caller and purpose, as `/graphql` identifies them. A purpose the registry does not know is
 * refused here: a schema cut for an unknown purpose would silently lack every granted field.
 */
function readerOf(identity: Reader, registry: AccessRegistry | undefined): Reader {
  const { caller, purpose } = identity;
  if (purpose && registry && !registry.purpose(purpose)) {
    throw BAD_REQUEST.refusal(
      `The purpose "${purpose}" (X-Purpose) is not registered: send a registered purpose code, or no X-Purpose for the schema without personal data.`,
    );
  }
  return { caller, purpose };
}
