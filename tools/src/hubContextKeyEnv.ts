import { generateHubContextKeys } from '@govgraph/schema/runtime';

/**
 * A fresh hub-context key pair as the two environment lines a deployment sets: the gateway's
 * `HUB_CONTEXT_PRIVATE_KEY` and the departments' `HUB_CONTEXT_PUBLIC_KEYS`. During a rotation,
 * departments list the old and the new public key (a JSON array) until the gateway has switched.
 */
export async function hubContextKeyEnv(kid: string): Promise<string[]> {
  const { privateJwk, publicJwk } = await generateHubContextKeys(kid);
  return [
    `HUB_CONTEXT_PRIVATE_KEY='${JSON.stringify(privateJwk)}'`,
    `HUB_CONTEXT_PUBLIC_KEYS='${JSON.stringify([publicJwk])}'`,
  ];
}
