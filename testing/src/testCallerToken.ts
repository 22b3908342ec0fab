import {
  CALLER_TOKEN_HEADER,
  type CallerTokenClaims,
  type CallerTokenSigner,
  type CallerTokenVerifier,
  createCallerTokenSigner,
  createCallerTokenVerifier,
  generateCallerTokenKeys,
  type JWK,
} from '@govgraph/server';

/** A key pair as the hub makes one per start: the gateway's signer and departments' verifier. */
export interface TestCallerToken {
  signer: CallerTokenSigner;
  verifier: CallerTokenVerifier;
  /** For a gateway in another process: `CALLER_TOKEN_PRIVATE_KEY`. */
  privateJwk: JWK;
  /** For a department in another process: `CALLER_TOKEN_PUBLIC_KEYS` is `[publicJwk]`. */
  publicJwk: JWK;
  /** A token as the gateway would send it; an anonymous caller unless `claims` says otherwise. */
  token(claims?: Partial<CallerTokenClaims>): Promise<string>;
  /** `{ 'x-govgraph-caller': token }`, to spread into a request's headers. */
  headers(claims?: Partial<CallerTokenClaims>): Promise<Record<string, string>>;
}

/** A fresh caller-token key pair for tests that call a department directly. */
export async function createTestCallerToken(kid = 'test'): Promise<TestCallerToken> {
  const keys = await generateCallerTokenKeys(kid);
  const signer = await createCallerTokenSigner({ privateKey: keys.privateJwk });
  const verifier = createCallerTokenVerifier({ publicKeys: [keys.publicJwk] });
  const token = (claims: Partial<CallerTokenClaims> = {}) =>
    signer.sign({ caller: 'anonymous', requestId: 'test', ...claims });
  return {
    signer,
    verifier,
    privateJwk: keys.privateJwk,
    publicJwk: keys.publicJwk,
    token,
    headers: async (claims) => ({ [CALLER_TOKEN_HEADER]: await token(claims) }),
  };
}
