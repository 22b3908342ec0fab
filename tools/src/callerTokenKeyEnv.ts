import { generateCallerTokenKeys } from '@govgraph/server';

/**
 * A fresh caller-token key pair as the two environment lines a deployment sets: the gateway's
 * `CALLER_TOKEN_PRIVATE_KEY` and the departments' `CALLER_TOKEN_PUBLIC_KEYS`. During a rotation,
 * departments list the old and the new public key (a JSON array) until the gateway has switched.
 */
export async function callerTokenKeyEnv(kid: string): Promise<string[]> {
  const { privateJwk, publicJwk } = await generateCallerTokenKeys(kid);
  return [
    `CALLER_TOKEN_PRIVATE_KEY='${JSON.stringify(privateJwk)}'`,
    `CALLER_TOKEN_PUBLIC_KEYS='${JSON.stringify([publicJwk])}'`,
  ];
}
