import type { CallerTokenClaims } from './callerToken.js';

/** Distinct claim sets remembered; the oldest is forgotten past this. */
const MAX_REMEMBERED = 10_000;

interface Issued {
  token: string;
  /** Epoch ms after which a new token is signed for the same claims. */
  renewAt: number;
}

/**
 * Reuses a signed token for the same claims for the first half of its lifetime, so that
 * departments' verified-token caches hit instead of verifying an Ed25519 signature per request.
 * The key is every claim, so a token never serves another caller, purpose, case or operator;
 * renewing at half-life leaves a token at least half its lifetime when a department checks it.
 */
export function createTokenReuse(
  ttlSeconds: number,
  sign: (claims: CallerTokenClaims) => string,
): (claims: CallerTokenClaims) => string {
  const issued = new Map<string, Issued>();
  const reuseMs = (ttlSeconds * 1000) / 2;
  return (claims) => {
    const key = claimsKey(claims);
    const now = Date.now();
    const known = issued.get(key);
    if (known && known.renewAt > now) return known.token;
    const token = sign(claims);
    // Re-inserted so the Map's order stays oldest-issued first.
    issued.delete(key);
    issued.set(key, { token, renewAt: now + reuseMs });
    if (issued.size > MAX_REMEMBERED) {
      const oldest = issued.keys().next();
      if (!oldest.done) issued.delete(oldest.value);
    }
    return token;
  };
}

/** Every claim, by name in a fixed order, whatever order the object was built in. */
function claimsKey(claims: CallerTokenClaims): string {
  return JSON.stringify(Object.entries(claims).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
