import { createDepartmentServer } from '@govgraph/department';
import {
  CALLER_TOKEN_AUDIENCE,
  CALLER_TOKEN_ISSUER,
  type CallerTokenClaims,
  ConfigError,
  callerTokenPrivateKeyVar,
  callerTokenPublicKeysVar,
  createCallerTokenSigner,
  createCallerTokenVerifier,
  createLogger,
  generateCallerTokenKeys,
  type JWK,
  type Listening,
  type RequestScope,
} from '@govgraph/server';
import { parse } from 'graphql';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const claims: CallerTokenClaims = {
  caller: 'agency',
  agency: 'city-tax',
  roles: ['auditor'],
  purpose: 'tax-assessment',
  caseId: 'TAX-1',
  operatorId: 'officer-7',
  requestId: 'req-1',
};

describe('caller tokens', () => {
  it('carry the claims from the gateway to a department', async () => {
    const keys = await generateCallerTokenKeys('k1');
    const signer = await createCallerTokenSigner({ privateKey: keys.privateJwk });
    const verifier = createCallerTokenVerifier({ publicKeys: [keys.publicJwk] });
    expect(await verifier.verify(await signer.sign(claims))).toEqual(claims);
    const anonymous = await signer.sign({ caller: 'anonymous', requestId: 'r' });
    expect(await verifier.verify(anonymous)).toEqual({ caller: 'anonymous', requestId: 'r' });
  });

  it('reuse one token for the same claims for half its lifetime, then sign a new one', async () => {
    const keys = await generateCallerTokenKeys('reuse');
    const signer = await createCallerTokenSigner({ privateKey: keys.privateJwk, ttlSeconds: 2 });
    const verifier = createCallerTokenVerifier({ publicKeys: [keys.publicJwk] });
    const { requestId: _, ...reused } = claims;
    const other = { ...reused, caseId: 'TAX-2' };
    const first = signer.tokenFor(reused);
    // Another case, operator or caller in between never gets the first one's token.
    const second = signer.tokenFor(other);
    const third = signer.tokenFor({ ...reused, operatorId: 'officer-8' });
    expect(new Set([first, second, third]).size).toBe(3);
    // The same claims built in another order are the same claims.
    const { caller, ...rest } = reused;
    expect(signer.tokenFor({ ...rest, caller })).toBe(first);
    expect(await verifier.verify(first)).toEqual(reused);
    expect(await verifier.verify(second)).toEqual(other);
    // Any JWT library verifies it: a standard EdDSA compact JWS with issuer and audience.
    const verified = await jwtVerify(first, await importJWK(keys.publicJwk, 'EdDSA'), {
      issuer: CALLER_TOKEN_ISSUER,
      audience: CALLER_TOKEN_AUDIENCE,
    });
    expect(verified.payload).toMatchObject(reused);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const renewed = signer.tokenFor(reused);
    expect(renewed).not.toBe(first);
    expect(await verifier.verify(renewed)).toEqual(reused);
  });

  it('verify with any of several keys, chosen by kid (rotation without downtime)', async () => {
    const old = await generateCallerTokenKeys('old');
    const next = await generateCallerTokenKeys('next');
    const verifier = createCallerTokenVerifier({ publicKeys: [old.publicJwk, next.publicJwk] });
    for (const pair of [old, next]) {
      const signer = await createCallerTokenSigner({ privateKey: pair.privateJwk });
      expect((await verifier.verify(await signer.sign(claims))).agency).toBe('city-tax');
    }
    const retired = createCallerTokenVerifier({ publicKeys: [next.publicJwk] });
    const oldSigner = await createCallerTokenSigner({ privateKey: old.privateJwk });
    await expect(retired.verify(await oldSigner.sign(claims))).rejects.toThrow();
  });

  it('refuse a token signed by another key under the same kid, expired, or for another audience', async () => {
    const trusted = await generateCallerTokenKeys('k');
    const forger = await generateCallerTokenKeys('k');
    const verifier = createCallerTokenVerifier({ publicKeys: [trusted.publicJwk] });
    const forged = await (await createCallerTokenSigner({ privateKey: forger.privateJwk })).sign(
      claims,
    );
    await expect(verifier.verify(forged)).rejects.toThrow(/signature/);
    const key = await importJWK(trusted.privateJwk, 'EdDSA');
    const build = (aud: string, exp: number) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'k' })
        .setIssuer(CALLER_TOKEN_ISSUER)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    await expect(verifier.verify(await build(CALLER_TOKEN_AUDIENCE, now - 10))).rejects.toThrow(
      /exp/,
    );
    await expect(verifier.verify(await build('someone-else', now + 60))).rejects.toThrow(/aud/);
    const noClaims = await new SignJWT({ caller: 'root' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k' })
      .setIssuer(CALLER_TOKEN_ISSUER)
      .setAudience(CALLER_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(now + 60)
      .sign(key);
    await expect(verifier.verify(noClaims)).rejects.toThrow(/claims/);
  });

  describe('lifetime', () => {
    const now = Math.floor(Date.now() / 1000);
    let publicKey: JWK;
    let verifier: ReturnType<typeof createCallerTokenVerifier>;
    let token: (times: { iat?: number; exp: number }) => Promise<string>;
    beforeAll(async () => {
      const keys = await generateCallerTokenKeys('k');
      publicKey = keys.publicJwk;
      verifier = createCallerTokenVerifier({ publicKeys: [publicKey] });
      const key = await importJWK(keys.privateJwk, 'EdDSA');
      token = ({ iat, exp }) => {
        const jwt = new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'EdDSA', kid: 'k' })
          .setIssuer(CALLER_TOKEN_ISSUER)
          .setAudience(CALLER_TOKEN_AUDIENCE)
          .setExpirationTime(exp);
        return (iat === undefined ? jwt : jwt.setIssuedAt(iat)).sign(key);
      };
    });

    it('accepts a token of a normal lifetime, signed now', async () => {
      expect(await verifier.verify(await token({ iat: now, exp: now + 60 }))).toEqual(claims);
    });

    it('refuses a ten-year token', async () => {
      const tenYears = 10 * 365 * 24 * 3600;
      await expect(verifier.verify(await token({ iat: now, exp: now + tenYears }))).rejects.toThrow(
        /longer than the 300 s allowed/,
      );
    });

    it('refuses a token living a second past the maximum, default or configured', async () => {
      const strict = createCallerTokenVerifier({ publicKeys: [publicKey], maxLifetimeSeconds: 60 });
      await expect(strict.verify(await token({ iat: now, exp: now + 61 }))).rejects.toThrow(
        /61 s, longer than the 60 s/,
      );
      expect(await strict.verify(await token({ iat: now, exp: now + 60 }))).toEqual(claims);
      await expect(verifier.verify(await token({ iat: now, exp: now + 301 }))).rejects.toThrow(
        /301 s/,
      );
    });

    it('refuses a token issued in the future beyond the clock tolerance', async () => {
      await expect(verifier.verify(await token({ iat: now + 60, exp: now + 120 }))).rejects.toThrow(
        /future/,
      );
      // Within the tolerance a slightly fast gateway clock is fine.
      expect(await verifier.verify(await token({ iat: now + 2, exp: now + 62 }))).toEqual(claims);
    });

    it('refuses a token without an issue time', async () => {
      await expect(verifier.verify(await token({ exp: now + 60 }))).rejects.toThrow(/iat/);
    });
  });

  it('refuse keys that are not Ed25519 JWKs with a kid', async () => {
    const keys = await generateCallerTokenKeys('k');
    const { kid: _kid, ...noKid } = keys.privateJwk;
    await expect(createCallerTokenSigner({ privateKey: noKid })).rejects.toThrow(/kid/);
    await expect(createCallerTokenSigner({ privateKey: keys.publicJwk })).rejects.toThrow(
      /private JWK/,
    );
    expect(() => createCallerTokenVerifier({ publicKeys: [keys.privateJwk] })).toThrow(
      /no private part/,
    );
    expect(() => createCallerTokenVerifier({ publicKeys: [] })).toThrow(/at least one/);
  });

  it('are configured from CALLER_TOKEN_PRIVATE_KEY and CALLER_TOKEN_PUBLIC_KEYS with messages naming them', async () => {
    const keys = await generateCallerTokenKeys('env');
    expect(
      callerTokenPrivateKeyVar({ CALLER_TOKEN_PRIVATE_KEY: JSON.stringify(keys.privateJwk) }),
    ).toEqual(keys.privateJwk);
    expect(callerTokenPrivateKeyVar({})).toBeUndefined();
    expect(() => callerTokenPrivateKeyVar({ CALLER_TOKEN_PRIVATE_KEY: '{nope' })).toThrow(
      /CALLER_TOKEN_PRIVATE_KEY: is not JSON/,
    );
    expect(
      callerTokenPublicKeysVar({ CALLER_TOKEN_PUBLIC_KEYS: JSON.stringify([keys.publicJwk]) }),
    ).toEqual([keys.publicJwk]);
    expect(() => callerTokenPublicKeysVar({})).toThrow(ConfigError);
    expect(() => callerTokenPublicKeysVar({})).toThrow(
      /CALLER_TOKEN_PUBLIC_KEYS is not set: it is required/,
    );
    expect(() =>
      callerTokenPublicKeysVar({ CALLER_TOKEN_PUBLIC_KEYS: JSON.stringify([keys.privateJwk]) }),
    ).toThrow(/no private part/);
    expect(() =>
      callerTokenPublicKeysVar({ CALLER_TOKEN_PUBLIC_KEYS: JSON.stringify(keys.publicJwk) }),
    ).toThrow(/JSON array/);
  });
});

describe('a department behind the caller-token check', () => {
  let listening: Listening;
  let sign: (c: CallerTokenClaims) => Promise<string>;
  let executed = 0;
  const post = async (headers: Record<string, string>) => {
    const res = await fetch(`${listening.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ whoAsks }' }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const keys = await generateCallerTokenKeys('dept');
    const signer = await createCallerTokenSigner({ privateKey: keys.privateJwk });
    sign = (c) => signer.sign(c);
    listening = await createDepartmentServer<RequestScope>({
      name: 'guarded',
      typeDefs: parse(`type Query {
        "Who the gateway says is asking."
        whoAsks: String @classification(level: PUBLIC)
      }`),
      resolvers: {
        Query: {
          whoAsks: (_: unknown, __: unknown, ctx: RequestScope) => {
            executed++;
            return ctx.hub?.agency ?? ctx.hub?.caller;
          },
        },
      },
      logger: createLogger('guarded', 'silent'),
      callerToken: createCallerTokenVerifier({ publicKeys: [keys.publicJwk] }),
      context: (scope) => scope,
    }).listen(0);
  });
  afterAll(() => listening?.close());

  it('answers a request the gateway signed, with the claims on the request scope', async () => {
    const reply = await post({ 'x-govgraph-caller': await sign(claims) });
    expect(reply).toEqual({ status: 200, body: { data: { whoAsks: 'city-tax' } } });
  });

  it('refuses a request without a token, or with a bad one, with 401 HUB_CONTEXT_REQUIRED and runs nothing', async () => {
    const before = executed;
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      errors: [
        {
          message:
            'The request carries no caller token. Departments answer the gateway only: send the query to the gateway (/graphql on port 4000).',
          extensions: { code: 'HUB_CONTEXT_REQUIRED', requestId: expect.any(String) },
        },
      ],
    });
    const bad = await post({ 'x-govgraph-caller': 'eyJhbGciOiJFZERTQSJ9.e30.AAAA' });
    expect(bad.status).toBe(401);
    expect((bad.body.errors as { message: string }[])[0]?.message).toMatch(
      /^The caller token is not valid/,
    );
    expect(executed).toBe(before);
  });

  it('keeps /health and /ready open', async () => {
    expect((await fetch(`${listening.url}/health`)).status).toBe(200);
    expect((await fetch(`${listening.url}/ready`)).status).toBe(200);
  });
});
