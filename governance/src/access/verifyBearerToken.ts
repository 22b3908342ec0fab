import type { KeyObject } from 'node:crypto';
import { UNAUTHENTICATED } from '@govgraph/schema/errors';
import type { GraphQLError } from 'graphql';
import { decodeJwt, errors, type JWTPayload, jwtVerify } from 'jose';

/** Asymmetric algorithms only: an HMAC secret would have to be shared with the hub. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
/** Clocks of issuers and the hub drift; 30 s is the usual allowance. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Reads `iss` and `sub` without verifying anything, to pick the key to verify with. */
export function peekClaims(token: string): { iss: string | undefined; sub: string | undefined } {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    throw UNAUTHENTICATED.err(
      'The bearer token is not a JWT: send `Authorization: Bearer <token>` with a token from your identity provider, or an `X-Api-Key` header.',
    );
  }
  return { iss: payload.iss, sub: payload.sub };
}

/**
 * Verifies a token's signature, issuer, audience and expiry (exp is required). Every failure
 * is an UNAUTHENTICATED error that says which check failed.
 */
export async function verifyBearerToken(
  token: string,
  expected: { issuer: string; audience: string; key: KeyObject },
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, expected.key, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub'],
    });
    return payload;
  } catch (error) {
    throw explain(error, expected);
  }
}

function explain(error: unknown, expected: { issuer: string; audience: string }): GraphQLError {
  if (error instanceof errors.JWTExpired) {
    const exp =
      typeof error.payload.exp === 'number'
        ? new Date(error.payload.exp * 1000).toISOString()
        : 'an unknown time';
    return UNAUTHENTICATED.err(
      `The bearer token expired at ${exp}; get a new token from ${expected.issuer}.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return UNAUTHENTICATED.err(
        `The bearer token has the wrong audience ${JSON.stringify(error.payload.aud ?? null)}; tokens for this hub carry aud ${JSON.stringify(expected.audience)}.`,
      );
    }
    if (error.claim === 'iss') {
      return UNAUTHENTICATED.err(
        `The bearer token has the wrong issuer; expected ${JSON.stringify(expected.issuer)}.`,
      );
    }
    if (error.reason === 'missing') {
      return UNAUTHENTICATED.err(
        `The bearer token has no ${error.claim} claim; tokens must carry sub and exp.`,
      );
    }
    if (error.claim === 'nbf')
      return UNAUTHENTICATED.err('The bearer token is not valid yet (nbf is in the future).');
    return UNAUTHENTICATED.err(
      `The bearer token's ${error.claim} claim is not acceptable: ${error.reason}.`,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return UNAUTHENTICATED.err(
      `The bearer token has a bad signature: it does not verify with the key registered for issuer ${JSON.stringify(expected.issuer)}.`,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return UNAUTHENTICATED.err(
      `The bearer token's signing algorithm is not accepted or does not fit the registered key; sign with one of ${ALGORITHMS.join(', ')}.`,
    );
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return UNAUTHENTICATED.err(
      'The bearer token is malformed; get a new token from your identity provider.',
    );
  }
  return UNAUTHENTICATED.err(
    'The bearer token could not be verified; get a new token from your identity provider.',
  );
}
