import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ensureError } from '@govgraph/schema';

/**
 * Reads a JWT verification key given as a JWK (JSON text) or an SPKI PEM. Only public keys:
 * a registry that held private key material would be a secret, and it is a reviewed file.
 * Throws an Error saying what is wrong.
 */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(trimmed);
    } catch {
      throw new Error('the public key looks like a JWK but is not valid JSON');
    }
    if (typeof jwk !== 'object' || jwk === null) throw new Error('the JWK is not a JSON object');
    if ('d' in jwk) throw new Error('the JWK holds a private key; give the public key only');
    if ('k' in jwk) throw new Error('the JWK is a shared secret; give an asymmetric public key');
    try {
      return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch (error) {
      throw new Error(`the JWK is not a usable public key (${ensureError(error).message})`);
    }
  }
  if (!trimmed.startsWith('-----BEGIN PUBLIC KEY-----')) {
    throw new Error(
      'the public key must be a JWK (JSON) or an SPKI PEM starting with -----BEGIN PUBLIC KEY-----',
    );
  }
  try {
    return createPublicKey(trimmed);
  } catch (error) {
    throw new Error(`the PEM is not a usable public key (${ensureError(error).message})`);
  }
}
