import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';
import { createTokenReuse } from './callerTokenReuse.js';
import { ConfigError } from './config.js';

/** A JSON Web Key (jose's type), as the caller-token keys are written. */
export type { JWK } from 'jose';

// The gateway signs short-lived tokens, one per caller, purpose, case and operator, reused for
// half their lifetime; departments verify them and refuse any request without one
// (docs/access.md). Ed25519: small keys, fast verification, no parameters.

/** Issuer of caller tokens. */
export const CALLER_TOKEN_ISSUER = 'govgraph-gateway';
/** Audience of caller tokens. */
export const CALLER_TOKEN_AUDIENCE = 'govgraph-departments';
/** The header the gateway sends the token in. */
export const CALLER_TOKEN_HEADER = 'x-govgraph-caller';

const ALG = 'EdDSA';
const TYP = 'caller-token+jwt';
// Clock skew allowed between the gateway and a department, in seconds.
const CLOCK_TOLERANCE = 5;

/**
 * Who the gateway is answering, as departments learn it. Mirrors `Caller` in `@govgraph/governance`
 * (the standards package does not depend on the hub).
 */
export interface CallerTokenClaims {
  caller: 'anonymous' | 'agency' | 'citizen';
  /** The agency id, for an agency. */
  agency?: string;
  /** The agency's roles (`auditor`, …). */
  roles?: string[];
  /** The citizen's national ID, for a citizen. */
  citizen?: string;
  purpose?: string;
  caseId?: string;
  operatorId?: string;
  /** The department the calling agency acts for (the registry's `department` of the agency). */
  department?: string;
  /**
   * The gateway request, in tokens of gateways before tokens were reused. The request id now
   * travels in `X-Request-Id`, so one token can serve many requests; still accepted, so a
   * department keeps verifying an older gateway's tokens during a rolling upgrade.
   */
  requestId?: string;
}

const claimsSchema = z.object({
  caller: z.enum(['anonymous', 'agency', 'citizen']),
  agency: z.string().optional(),
  roles: z.array(z.string()).optional(),
  citizen: z.string().optional(),
  purpose: z.string().optional(),
  caseId: z.string().optional(),
  operatorId: z.string().optional(),
  department: z.string().optional(),
  requestId: z.string().min(1).optional(),
});

/** Signs caller tokens (the gateway). */
export interface CallerTokenSigner {
  /** A new token for the claims. */
  sign(claims: CallerTokenClaims): Promise<string>;
  /**
   * A token for the claims, the same one for the first half of its lifetime (then a new one):
   * what the gateway sends, so departments' verified-token caches hit.
   */
  tokenFor(claims: CallerTokenClaims): string;
}

/** Verifies caller tokens (every department). */
export interface CallerTokenVerifier {
  /** The token's claims; rejects a token that is malformed, expired, or signed by no known key. */
  verify(token: string): Promise<CallerTokenClaims>;
}

export interface CallerTokenSignerOptions {
  /** An Ed25519 private JWK; its `kid` tells departments which public key to check with. */
  privateKey: JWK;
  /** How long a token is valid. @default 60 */
  ttlSeconds?: number;
}

/** The gateway's signer. Throws at once when the key is not an Ed25519 private JWK with a `kid`. */
export async function createCallerTokenSigner(
  options: CallerTokenSignerOptions,
): Promise<CallerTokenSigner> {
  const { privateKey } = options;
  if (!isEd25519Jwk(privateKey, 'private')) {
    throw new ConfigError('The caller-token private key must be an Ed25519 private JWK.');
  }
  const kid = privateKey.kid;
  if (!kid) throw new ConfigError('The caller-token private key needs a "kid".');
  // Signed with node:crypto, which signs Ed25519 synchronously; jose goes through WebCrypto,
  // an asynchronous round trip that cost ~1 ms of CPU per request under load (docs/benchmarks.md).
  // The token is a standard compact JWS (EdDSA), so any JWT library verifies it.
  const key = createPrivateKey({ key: privateKey as JsonWebKeyInput['key'], format: 'jwk' });
  const ttl = options.ttlSeconds ?? 60;
  const header = base64url(JSON.stringify({ alg: ALG, kid, typ: TYP }));
  const signNow = (claims: CallerTokenClaims) => {
    const iat = Math.floor(Date.now() / 1000);
    const payload = base64url(
      JSON.stringify({
        ...claims,
        iss: CALLER_TOKEN_ISSUER,
        aud: CALLER_TOKEN_AUDIENCE,
        iat,
        exp: iat + ttl,
      }),
    );
    const input = `${header}.${payload}`;
    return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
  };
  return {
    sign: async (claims) => signNow(claims),
    tokenFor: createTokenReuse(ttl, signNow),
  };
}

export interface CallerTokenVerifierOptions {
  /** Every public key currently trusted; several during a rotation. Picked by `kid`. */
  publicKeys: readonly JWK[];
  /** Verified tokens remembered until they expire. @default 10000 */
  cacheSize?: number;
  /**
   * The longest lifetime (`exp - iat`) a token may claim. The gateway signs tokens for one
   * request; a long-lived one is a stolen or forged credential waiting to be replayed.
   * @default 300
   */
  maxLifetimeSeconds?: number;
}

/** A department's verifier. Tokens already verified are answered from memory until their `exp`. */
export function createCallerTokenVerifier(
  options: CallerTokenVerifierOptions,
): CallerTokenVerifier {
  if (options.publicKeys.length === 0) {
    throw new ConfigError('A caller-token verifier needs at least one public key.');
  }
  for (const key of options.publicKeys) {
    if (!isEd25519Jwk(key, 'public') || !key.kid) {
      throw new ConfigError(
        'Every caller-token public key must be an Ed25519 public JWK with a "kid" (and no private part).',
      );
    }
  }
  const keys = new Map<string, KeyObject>(
    options.publicKeys.map((k) => [
      k.kid ?? '',
      createPublicKey({ key: k as JsonWebKeyInput['key'], format: 'jwk' }),
    ]),
  );
  const verified = new ExpiringCache<CallerTokenClaims>(options.cacheSize ?? 10_000);
  const maxLifetime = options.maxLifetimeSeconds ?? 300;
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      const { claims, exp } = verifyToken(token, keys, maxLifetime);
      verified.set(token, claims, exp * 1000);
      return claims;
    },
  };
}

type JsonWebKeyInput = Extract<Parameters<typeof createPublicKey>[0], { format: 'jwk' }>;

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function decodeJson(part: string | undefined, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // fall through: reported below
  }
  throw new Error(`the caller token's ${what} is not a JSON object`);
}

/** Checks signature (by `kid`), issuer, audience and lifetime; returns the claims. */
function verifyToken(
  token: string,
  keys: ReadonlyMap<string, KeyObject>,
  maxLifetime: number,
): { claims: CallerTokenClaims; exp: number } {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('the caller token is not a compact JWS');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart, 'header');
  if (header.alg !== ALG) throw new Error(`the caller token is not signed with ${ALG}`);
  const key = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
  if (!key) throw new Error('the caller token is signed with a key this department does not trust');
  const signature = Buffer.from(signaturePart, 'base64url');
  if (!verify(null, Buffer.from(`${headerPart}.${payloadPart}`), key, signature)) {
    throw new Error('the caller token signature does not verify');
  }
  const payload = decodeJson(payloadPart, 'payload');
  if (payload.iss !== CALLER_TOKEN_ISSUER) throw new Error('unexpected caller-token issuer');
  const audience = payload.aud;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.includes(CALLER_TOKEN_AUDIENCE))
    throw new Error('unexpected caller-token audience');
  const exp = checkLifetime(payload, maxLifetime);
  return { claims: claimsOf(payload), exp };
}

/** The token's `exp`, once `iat` and `exp` show a short-lived token valid now. */
function checkLifetime(payload: Record<string, unknown>, maxLifetime: number): number {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') throw new Error('the caller token has no expiry');
  if (typeof iat !== 'number') throw new Error('the caller token has no issue time (iat)');
  const now = Date.now() / 1000;
  if (exp + CLOCK_TOLERANCE <= now) throw new Error('the caller token expired');
  if (iat - CLOCK_TOLERANCE > now) {
    throw new Error('the caller token is issued in the future (iat ahead of this clock)');
  }
  if (exp - iat > maxLifetime) {
    throw new Error(
      `the caller token lives ${exp - iat} s, longer than the ${maxLifetime} s allowed`,
    );
  }
  return exp;
}

function claimsOf(payload: Record<string, unknown>): CallerTokenClaims {
  // zod drops the registered claims (iss, aud, exp, iat) and anything unknown.
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new Error('the caller token does not carry valid claims');
  return parsed.data;
}

/** A fresh Ed25519 key pair as JWKs sharing a `kid` (`npm start` and tests make one per start). */
export async function generateCallerTokenKeys(
  kid = `hub-${Date.now().toString(36)}`,
): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, {
    crv: 'Ed25519',
    extractable: true,
  });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG };
  return { privateJwk, publicJwk };
}

/** `CALLER_TOKEN_PRIVATE_KEY` (the gateway): one private JWK as JSON. */
export function callerTokenPrivateKeyVar(
  env: Record<string, string | undefined> = process.env,
): JWK | undefined {
  const raw = env.CALLER_TOKEN_PRIVATE_KEY;
  if (raw === undefined || raw === '') return undefined;
  const key = parseJson(raw, 'CALLER_TOKEN_PRIVATE_KEY', 'an Ed25519 private JWK as JSON');
  if (!isEd25519Jwk(key, 'private') || !key.kid) {
    throw new ConfigError(
      'Configuration is not valid:\n  CALLER_TOKEN_PRIVATE_KEY: must be an Ed25519 private JWK as JSON ({"kty":"OKP","crv":"Ed25519","d":…,"x":…,"kid":…})',
    );
  }
  return key;
}

/** `CALLER_TOKEN_PUBLIC_KEYS` (departments): a JSON array of public JWKs, required. */
export function callerTokenPublicKeysVar(
  env: Record<string, string | undefined> = process.env,
): JWK[] {
  const raw = env.CALLER_TOKEN_PUBLIC_KEYS;
  const expected =
    'a JSON array of the gateway\'s Ed25519 public JWKs ([{"kty":"OKP","crv":"Ed25519","x":…,"kid":…}])';
  if (raw === undefined || raw === '') {
    throw new ConfigError(
      `Configuration is not valid:\n  CALLER_TOKEN_PUBLIC_KEYS is not set: it is required, ${expected}; departments refuse every request not signed by the gateway`,
    );
  }
  const keys = parseJson(raw, 'CALLER_TOKEN_PUBLIC_KEYS', expected);
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every((k) => isEd25519Jwk(k, 'public') && !!k.kid)
  ) {
    throw new ConfigError(
      `Configuration is not valid:\n  CALLER_TOKEN_PUBLIC_KEYS: must be ${expected}, each with a "kid" and no private part`,
    );
  }
  return keys as JWK[];
}

function parseJson(raw: string, name: string, expected: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ConfigError(
      `Configuration is not valid:\n  ${name}: is not JSON; must be ${expected}`,
    );
  }
}

/** An Ed25519 JWK holding the private part (`d`), or, for `public`, not holding it. */
function isEd25519Jwk(value: unknown, part: 'private' | 'public'): value is JWK {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const key = value as JWK;
  return key.kty === 'OKP' && key.crv === 'Ed25519' && (part === 'private') === !!key.d;
}

// A bounded map of verified tokens. Written by hand because the standards package does not
// depend on lru-cache: entries leave at their expiry, and the oldest leaves when it is full
// (tokens live 60 s, so insertion order is close to expiry order).
class ExpiringCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  constructor(readonly max: number) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, expiresAt: number): void {
    this.#entries.set(key, { value, expiresAt });
    if (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}
