import type { IncomingMessage, ServerResponse } from 'node:http';
import { DESK_CSP, loadDeskAssets, renderDeskPage } from '@govgraph/desk';
import type { AccessRegistry, OperatorSessions } from '@govgraph/governance';
import {
  BAD_REQUEST,
  GATEWAY_NOT_READY,
  SIGN_IN_THROTTLED,
  UNAUTHENTICATED,
} from '@govgraph/schema';
import {
  allowMethods,
  type Logger,
  type RouteHandler,
  sendError,
  sendJson,
  sendRefusal,
  staticAssetRoute,
} from '@govgraph/server';
import { GraphQLError } from 'graphql';
import { identify } from '../access/identify.js';
import { PRIVATE_NO_STORE } from '../cache/useCacheControlHeader.js';
import type { createDeskPlanner } from './deskPlan.js';
import { createSignInThrottle } from './signInThrottle.js';

export interface DeskRouteOptions {
  registry: AccessRegistry;
  sessions: OperatorSessions;
  planner: ReturnType<typeof createDeskPlanner>;
  /** Sign-ins, refusals and sign-outs are logged (never a password or token). */
  logger: Logger;
}

const MAX_SIGN_IN_BYTES = 4096;

/**
 * The service desk (docs/access.md "Service-desk sessions"): `/desk` (the page and its two
 * assets), `/desk/session` (POST signs in, DELETE signs out) and `/desk/plan` (which record
 * sections and writes the signed-in operator may use, and the trusted document to ask with).
 */
export function deskRoutes(options: DeskRouteOptions): Record<string, RouteHandler> {
  const assets = loadDeskAssets();
  const page = renderDeskPage(assets);
  const throttle = createSignInThrottle();
  const routes: Record<string, RouteHandler> = {
    '/desk': (req, res) => {
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-security-policy', DESK_CSP);
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.end(req.method === 'HEAD' ? undefined : page);
    },
    '/desk/session': async (req, res) => {
      if (!allowMethods(req, res, ['POST', 'DELETE'])) return;
      res.setHeader('cache-control', PRIVATE_NO_STORE);
      if (req.method === 'DELETE') return signOut(req, res, options);
      return signIn(req, res, options, throttle);
    },
    '/desk/plan': async (req, res) => {
      if (!allowMethods(req, res, ['GET'])) return;
      res.setHeader('cache-control', PRIVATE_NO_STORE);
      await plan(req, res, options);
    },
  };
  for (const asset of Object.values(assets)) routes[asset.path] = staticAssetRoute(asset);
  return routes;
}

async function signIn(
  req: IncomingMessage,
  res: ServerResponse,
  { sessions, logger }: DeskRouteOptions,
  throttle: ReturnType<typeof createSignInThrottle>,
): Promise<void> {
  // A JSON body only: a cross-origin form cannot send one without a CORS preflight.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendError(
      res,
      BAD_REQUEST,
      'Send the sign-in as JSON (content-type: application/json).',
      {},
      415,
    );
  }
  const body = await readJson(req);
  const agencyId = stringField(body, 'agency');
  const operatorId = stringField(body, 'operator');
  const password = stringField(body, 'password', false);
  if (!agencyId || !operatorId || !password) {
    return refuse(res, BAD_REQUEST.err('Give the agency, the operator and the password.'));
  }
  const key = `${agencyId}\u0000${operatorId}`;
  const wait = await throttle.blockedFor(req, key);
  const who = { agency: agencyId, operator: operatorId, address: req.socket.remoteAddress };
  if (wait > 0) {
    logger.warn(who, 'desk sign-in throttled');
    res.setHeader('retry-after', String(wait));
    return refuse(
      res,
      SIGN_IN_THROTTLED.err(
        `Too many failed sign-ins: wait ${Math.ceil(wait / 60)} minute(s), or ask your agency administrator for a new password.`,
        { extensions: { retryAfterSeconds: wait } },
      ),
    );
  }
  try {
    const session = await sessions.signIn({ agencyId, operatorId, password });
    await throttle.succeeded(key);
    logger.info({ ...who, expiresAt: session.expiresAt }, 'desk sign-in');
    sendJson(res, 200, {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      agency: agencyId,
      operator: { id: operatorId, name: session.operatorName },
    });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    await throttle.failed(req, key);
    logger.warn({ ...who, reason: error.message }, 'desk sign-in refused');
    refuse(res, error);
  }
}

async function signOut(
  req: IncomingMessage,
  res: ServerResponse,
  { sessions, logger }: DeskRouteOptions,
): Promise<void> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) {
    return refuse(res, UNAUTHENTICATED.err('Send the session as Authorization: Bearer <token>.'));
  }
  await sessions.signOut(match[1]);
  logger.info({ address: req.socket.remoteAddress }, 'desk sign-out');
  res.statusCode = 204;
  res.end();
}

async function plan(req: IncomingMessage, res: ServerResponse, options: DeskRouteOptions) {
  let identity: Awaited<ReturnType<typeof identify>>;
  try {
    identity = await identify(req, options.registry);
  } catch (error) {
    if (error instanceof GraphQLError) return refuse(res, error);
    throw error;
  }
  if (identity.caller.kind !== 'agency' || identity.caller.credential !== 'session') {
    return refuse(res, UNAUTHENTICATED.err('Sign in at the service desk first.'));
  }
  const result = options.planner.plan(identity.caller, identity);
  if (!result) {
    res.setHeader('retry-after', '5');
    return refuse(
      res,
      GATEWAY_NOT_READY.err(
        'The gateway has not loaded its supergraph yet. Retry in a few seconds.',
      ),
    );
  }
  sendJson(res, 200, {
    agency: { id: identity.caller.agencyId, name: identity.caller.name },
    operator: identity.operatorId,
    purpose: identity.purpose,
    ...result,
  });
}

/** Answers with the error's status (its code's, from the registry), its extensions kept but `http`. */
function refuse(res: ServerResponse, error: GraphQLError): void {
  const { http: _http, ...extensions } = error.extensions;
  sendRefusal(res, error, extensions);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped: stopping early would reset the connection
  // before the caller could read the answer.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_SIGN_IN_BYTES) chunks.push(chunk);
  }
  if (size > MAX_SIGN_IN_BYTES) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function stringField(body: unknown, name: string, trim = true): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  if (typeof value !== 'string' || value.trim() === '' || value.length > 256) return undefined;
  return trim ? value.trim() : value;
}
