import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';

/** Which browser pages may call a GraphQL endpoint from another web origin, and with what. */
export interface CorsPolicy {
  /**
   * Whether pages on this origin (exactly as sent in `Origin`) may call at all: their preflight
   * is answered and the answers carry `Access-Control-Allow-Origin`. Whether a particular
   * credential is accepted from there is the endpoint's own check.
   */
  allowsOrigin(origin: string): boolean;
  /** Request headers a page may send (`Access-Control-Allow-Headers`). */
  allowHeaders: readonly string[];
  /** Response headers a page may read (`Access-Control-Expose-Headers`). */
  exposeHeaders: readonly string[];
  /** How long a browser may keep a preflight's answer. */
  maxAgeSeconds: number;
}

/** What the CORS step did with a request. */
export type CorsOutcome = 'answered' | 'refused-preflight' | 'continue';

type CorsMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The `cors` package configured by a policy: a preflight from an allowed origin is answered 204
 * with the policy's methods (GET, POST), headers and max-age; other requests from an allowed
 * origin get `Access-Control-Allow-Origin: <that origin>` (never `*`, and no
 * `Access-Control-Allow-Credentials`: credentials travel in headers, not cookies) and the
 * exposed headers. Every answer says `Vary: Origin`, since it depends on it.
 */
export function createCorsStep(
  policy: CorsPolicy,
): (req: IncomingMessage, res: ServerResponse) => CorsOutcome {
  const middleware: CorsMiddleware = cors({
    origin: (origin, callback) =>
      callback(null, origin !== undefined && policy.allowsOrigin(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: [...policy.allowHeaders],
    exposedHeaders: [...policy.exposeHeaders],
    maxAge: policy.maxAgeSeconds,
    credentials: false,
    preflightContinue: false,
    optionsSuccessStatus: 204,
  });
  return (req, res) => {
    appendVary(res, 'Origin');
    let passed = false;
    // The origin callback above is synchronous, so the middleware has decided when it returns.
    middleware(req, res, () => {
      passed = true;
    });
    if (!passed) return 'answered';
    return req.method?.toUpperCase() === 'OPTIONS' ? 'refused-preflight' : 'continue';
  };
}

/** Adds header names to `Vary`, keeping those already there (case-insensitively, once each). */
export function appendVary(res: ServerResponse, value: string): void {
  const current = res.getHeader('vary');
  const names = [
    ...String(Array.isArray(current) ? current.join(',') : (current ?? '')).split(','),
    ...value.split(','),
  ]
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const seen = new Set<string>();
  const unique = names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length > 0) res.setHeader('vary', unique.join(', '));
}
