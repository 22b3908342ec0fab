import {
  createHubContextSigner,
  createHubContextVerifier,
  generateHubContextKeys,
  HUB_CONTEXT_HEADER,
  type HubContextClaims,
  type HubContextSigner,
  type HubContextVerifier,
  type JWK,
} from '../runtime/hubContext.js';

/** A key pair as the hub makes one per start: the gateway's signer and departments' verifier. */
export interface TestHubContext {
  signer: HubContextSigner;
  verifier: HubContextVerifier;
  /** For a gateway in another process: `HUB_CONTEXT_PRIVATE_KEY`. */
  privateJwk: JWK;
  /** For a department in another process: `HUB_CONTEXT_PUBLIC_KEYS` is `[publicJwk]`. */
  publicJwk: JWK;
  /** A token as the gateway would send it; an anonymous caller unless `claims` says otherwise. */
  token(claims?: Partial<HubContextClaims>): Promise<string>;
  /** `{ 'x-hub-context': token }`, to spread into a request's headers. */
  headers(claims?: Partial<HubContextClaims>): Promise<Record<string, string>>;
}

/** A fresh hub-context key pair for tests that call a department directly. */
export async function createTestHubContext(kid = 'test'): Promise<TestHubContext> {
  const keys = await generateHubContextKeys(kid);
  const signer = await createHubContextSigner({ privateKey: keys.privateJwk });
  const verifier = createHubContextVerifier({ publicKeys: [keys.publicJwk] });
  const token = (claims: Partial<HubContextClaims> = {}) =>
    signer.sign({ caller: 'anonymous', requestId: 'test', ...claims });
  return {
    signer,
    verifier,
    privateJwk: keys.privateJwk,
    publicJwk: keys.publicJwk,
    token,
    headers: async (claims) => ({ [HUB_CONTEXT_HEADER]: await token(claims) }),
  };
}
