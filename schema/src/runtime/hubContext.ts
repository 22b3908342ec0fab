import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { z } from 'zod';
import { ConfigError } from './config.js';

/** A JSON Web Key (jose's type), as the hub-context keys are written. */
export type { JWK } from 'jose';

// The gateway signs one short-lived token per request; departments verify it and refuse any
// request without one (DESIGN.md §5). Ed25519: small keys, fast verification, no parameters.

/** Issuer of hub-context tokens. */
export const HUB_CONTEXT_ISSUER = 'govgraph-gateway';
/** Audience of hub-context tokens. */
export const HUB_CONTEXT_AUDIENCE = 'govgraph-departments';
/** The header the gateway sends the token in. */
export const HUB_CONTEXT_HEADER = 'x-hub-context';

const ALG = 'EdDSA';

/**
 * Who the gateway is answering, as departments learn it. Mirrors `Caller` in `@govgraph/hub`
 * (the standards package does not depend on the hub).
 */
export interface HubContextClaims {
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
  /** The gateway request this fetch belongs to. */
  requestId: string;
}

const claimsSchema = z.object({
  caller: z.enum(['anonymous', 'agency', 'citizen']),
  agency: z.string().optional(),
  roles: z.array(z.string()).optional(),
  citizen: z.string().optional(),
  purpose: z.string().optional(),
  caseId: z.string().optional(),
  operatorId: z.string().optional(),
  requestId: z.string().min(1),
});

/** Signs hub-context tokens (the gateway). */
export interface HubContextSigner {
  sign(claims: HubContextClaims): Promise<string>;
}

/** Verifies hub-context tokens (every department). */
export interface HubContextVerifier {
  /** The token's claims; rejects a token that is malformed, expired, or signed by no known key. */
  verify(token: string): Promise<HubContextClaims>;
}

export interface HubContextSignerOptions {
  /** An Ed25519 private JWK; its `kid` tells departments which public key to check with. */
  privateKey: JWK;
  /** How long a token is valid. @default 60 */
  ttlSeconds?: number;
}

/** The gateway's signer. Throws at once when the key is not an Ed25519 private JWK with a `kid`. */
export async function createHubContextSigner(
  options: HubContextSignerOptions,
): Promise<HubContextSigner> {
  const { privateKey } = options;
  if (privateKey.kty !== 'OKP' || privateKey.crv !== 'Ed25519' || !privateKey.d) {
    throw new ConfigError('The hub-context private key must be an Ed25519 private JWK.');
  }
  const kid = privateKey.kid;
  if (!kid) throw new ConfigError('The hub-context private key needs a "kid".');
  const key = await importJWK(privateKey, ALG);
  const ttl = options.ttlSeconds ?? 60;
  return {
    sign: (claims) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: ALG, kid, typ: 'hub-context+jwt' })
        .setIssuer(HUB_CONTEXT_ISSUER)
        .setAudience(HUB_CONTEXT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(key),
  };
}

export interface HubContextVerifierOptions {
  /** Every public key currently trusted; several during a rotation. Picked by `kid`. */
  publicKeys: readonly JWK[];
  /** Verified tokens remembered until they expire. @default 10000 */
  cacheSize?: number;
}

/** A department's verifier. Tokens already verified are answered from memory until their `exp`. */
export function createHubContextVerifier(options: HubContextVerifierOptions): HubContextVerifier {
  if (options.publicKeys.length === 0) {
    throw new ConfigError('A hub-context verifier needs at least one public key.');
  }
  for (const key of options.publicKeys) {
    if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || !key.kid || key.d) {
      throw new ConfigError(
        'Every hub-context public key must be an Ed25519 public JWK with a "kid" (and no private part).',
      );
    }
  }
  const keys = createLocalJWKSet({ keys: options.publicKeys.map((k) => ({ ...k, alg: ALG })) });
  const verified = new ExpiringCache<HubContextClaims>(options.cacheSize ?? 10_000);
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      const { payload } = await jwtVerify(token, keys, {
        issuer: HUB_CONTEXT_ISSUER,
        audience: HUB_CONTEXT_AUDIENCE,
        algorithms: [ALG],
        requiredClaims: ['exp'],
      });
      const claims = claimsOf(payload);
      verified.set(token, claims, (payload.exp ?? 0) * 1000);
      return claims;
    },
  };
}

function claimsOf(payload: JWTPayload): HubContextClaims {
  // zod drops the registered claims (iss, aud, exp, iat) and anything unknown.
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new Error('the hub-context token does not carry valid claims');
  return parsed.data;
}

/** A fresh Ed25519 key pair as JWKs sharing a `kid` (`npm start` and tests make one per start). */
export async function generateHubContextKeys(
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

/** `HUB_CONTEXT_PRIVATE_KEY` (the gateway): one private JWK as JSON. */
export function hubContextPrivateKeyVar(
  env: Record<string, string | undefined> = process.env,
): JWK | undefined {
  const raw = env.HUB_CONTEXT_PRIVATE_KEY;
  if (raw === undefined || raw === '') return undefined;
  const key = parseJson(raw, 'HUB_CONTEXT_PRIVATE_KEY', 'an Ed25519 private JWK as JSON');
  if (!isJwk(key) || key.kty !== 'OKP' || key.crv !== 'Ed25519' || !key.d || !key.kid) {
    throw new ConfigError(
      'Configuration is not valid:\n  HUB_CONTEXT_PRIVATE_KEY: must be an Ed25519 private JWK as JSON ({"kty":"OKP","crv":"Ed25519","d":…,"x":…,"kid":…})',
    );
  }
  return key;
}

/** `HUB_CONTEXT_PUBLIC_KEYS` (departments): a JSON array of public JWKs, required. */
export function hubContextPublicKeysVar(
  env: Record<string, string | undefined> = process.env,
): JWK[] {
  const raw = env.HUB_CONTEXT_PUBLIC_KEYS;
  const expected =
    'a JSON array of the gateway\'s Ed25519 public JWKs ([{"kty":"OKP","crv":"Ed25519","x":…,"kid":…}])';
  if (raw === undefined || raw === '') {
    throw new ConfigError(
      `Configuration is not valid:\n  HUB_CONTEXT_PUBLIC_KEYS is not set: it is required, ${expected}; departments refuse every request not signed by the gateway`,
    );
  }
  const keys = parseJson(raw, 'HUB_CONTEXT_PUBLIC_KEYS', expected);
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every((k) => isJwk(k) && k.kty === 'OKP' && k.crv === 'Ed25519' && !!k.kid && !k.d)
  ) {
    throw new ConfigError(
      `Configuration is not valid:\n  HUB_CONTEXT_PUBLIC_KEYS: must be ${expected}, each with a "kid" and no private part`,
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

function isJwk(value: unknown): value is JWK {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
