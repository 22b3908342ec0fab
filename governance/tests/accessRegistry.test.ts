import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { GraphQLError } from 'graphql';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAgencyCli } from '../src/cli/runAgencyCli.js';
import {
  addAgency,
  createAccessRegistry,
  grantCoordinates,
  type HubAccessRegistry,
  issueApiKey,
  revokeApiKey,
  setAgencyDisabled,
  setAgencyJwt,
} from '../src/index.js';
import { captureOutput, useHubStore } from './useHubStore.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
const now = () => Math.floor(Date.now() / 1000);

/** A signed token; `exp` in seconds from now (negative: already expired). */
function token(
  keys: KeyPair,
  claims: { iss: string; sub: string; aud: string; exp?: number | null },
  alg = 'ES256',
): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg })
    .setIssuer(claims.iss)
    .setSubject(claims.sub)
    .setAudience(claims.aud)
    .setIssuedAt(now() - 300);
  if (claims.exp !== null) jwt.setExpirationTime(now() + (claims.exp ?? 300));
  return jwt.sign(keys.privateKey);
}

/** The UNAUTHENTICATED message `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return (error as GraphQLError).message;
}

const CITIZEN_ISSUER = 'https://id.gov.example/citizen';
const AGENCY_ISSUER = 'https://sso.tax.example';

describe.each(ENGINES)('access registry on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_access' });
  let registry: HubAccessRegistry;
  let agencyKeys: KeyPair;
  let pemKeys: KeyPair;
  let citizenKeys: KeyPair;
  let strangerKeys: KeyPair;
  let apiKey: string;
  let apiKeyId: string;

  beforeAll(async () => {
    [agencyKeys, pemKeys, citizenKeys, strangerKeys] = await Promise.all([
      generateKeyPair('ES256', { extractable: true }),
      generateKeyPair('RS256', { extractable: true }),
      generateKeyPair('ES256', { extractable: true }),
      generateKeyPair('ES256', { extractable: true }),
    ]);
    await setAgencyJwt(hub.store, 'tax-bureau', {
      issuer: AGENCY_ISSUER,
      publicKey: JSON.stringify(await exportJWK(agencyKeys.publicKey)),
    });
    await addAgency(hub.store, { id: 'land-bureau', name: 'Land bureau' });
    await setAgencyJwt(hub.store, 'land-bureau', {
      issuer: 'https://sso.land.example',
      audience: 'land-apps',
      publicKey: await exportSPKI(pemKeys.publicKey),
    });
    ({ key: apiKey, id: apiKeyId } = await issueApiKey(hub.store, 'tax-bureau'));
    registry = await createAccessRegistry({
      store: hub.store,
      citizenIssuer: {
        issuer: CITIZEN_ISSUER,
        publicKey: JSON.stringify(await exportJWK(citizenKeys.publicKey)),
      },
    });
  });
  afterAll(() => registry?.close());

  it('treats a request with no credential as anonymous', async () => {
    expect(await registry.authenticate({})).toEqual({ kind: 'anonymous' });
    expect(await registry.authenticate({ apiKey: '  ', bearerToken: '' })).toEqual({
      kind: 'anonymous',
    });
  });

  it('authenticates an agency by a valid API key', async () => {
    expect(await registry.authenticate({ apiKey })).toEqual({
      kind: 'agency',
      agencyId: 'tax-bureau',
      name: 'Tax bureau',
      roles: [],
      credential: 'api-key',
    });
    expect(apiKey).toMatch(/^gg_[A-Za-z0-9_-]{43}$/);
  });

  it('stores only the hash of a key, never the key', async () => {
    const rows = await hub.store.db.selectFrom('api_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(apiKey);
    expect(rows[0]?.prefix).toBe(apiKey.slice(0, 11));
  });

  it('accepts a key issued since the last refresh at once', async () => {
    const fresh = await issueApiKey(hub.store, 'tax-bureau');
    expect(await registry.authenticate({ apiKey: fresh.key })).toMatchObject({
      agencyId: 'tax-bureau',
    });
    await revokeApiKey(hub.store, fresh.id);
    await registry.refresh();
    expect(await refusal(registry.authenticate({ apiKey: fresh.key }))).toMatch(/was revoked/);
  });

  it('refuses an unknown key and a malformed one, naming which', async () => {
    expect(await refusal(registry.authenticate({ apiKey: `gg_${'A'.repeat(43)}` }))).toMatch(
      /unknown to the hub/,
    );
    expect(await refusal(registry.authenticate({ apiKey: 'secret' }))).toMatch(
      /malformed: govgraph keys start with gg_/,
    );
  });

  it('refuses two credentials at once', async () => {
    const bearer = await token(agencyKeys, {
      iss: AGENCY_ISSUER,
      sub: 'tax-bureau',
      aud: 'govgraph',
    });
    expect(await refusal(registry.authenticate({ apiKey, bearerToken: bearer }))).toMatch(
      /not both/,
    );
  });

  it('authenticates an agency by a JWT from its registered issuer (JWK and PEM keys)', async () => {
    const bearer = await token(agencyKeys, {
      iss: AGENCY_ISSUER,
      sub: 'tax-bureau',
      aud: 'govgraph',
    });
    expect(await registry.authenticate({ bearerToken: bearer })).toMatchObject({
      kind: 'agency',
      agencyId: 'tax-bureau',
      credential: 'jwt',
    });
    const land = await token(
      pemKeys,
      { iss: 'https://sso.land.example', sub: 'land-bureau', aud: 'land-apps' },
      'RS256',
    );
    expect(await registry.authenticate({ bearerToken: land })).toMatchObject({
      kind: 'agency',
      agencyId: 'land-bureau',
    });
  });

  it('accepts a token expired within the 30 s clock tolerance', async () => {
    const bearer = await token(agencyKeys, {
      iss: AGENCY_ISSUER,
      sub: 'tax-bureau',
      aud: 'govgraph',
      exp: -10,
    });
    expect(await registry.authenticate({ bearerToken: bearer })).toMatchObject({
      agencyId: 'tax-bureau',
    });
  });

  it('refuses an expired token', async () => {
    const bearer = await token(agencyKeys, {
      iss: AGENCY_ISSUER,
      sub: 'tax-bureau',
      aud: 'govgraph',
      exp: -120,
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(
      /expired at \d{4}-/,
    );
  });

  it('refuses a token without an expiry', async () => {
    const bearer = await token(agencyKeys, {
      iss: AGENCY_ISSUER,
      sub: 'tax-bureau',
      aud: 'govgraph',
      exp: null,
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(/no exp claim/);
  });

  it('refuses a token from an issuer nobody registered', async () => {
    const bearer = await token(agencyKeys, {
      iss: 'https://evil.example',
      sub: 'tax-bureau',
      aud: 'govgraph',
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(
      /wrong issuer: "https:\/\/evil.example" is not registered/,
    );
  });

  it('refuses a token for another audience', async () => {
    const bearer = await token(agencyKeys, {
      iss: AGENCY_ISSUER,
      sub: 'tax-bureau',
      aud: 'someone-else',
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(
      /wrong audience "someone-else"; tokens for this hub carry aud "govgraph"/,
    );
    // An agency registered with its own audience needs that one, not the default.
    const land = await token(
      pemKeys,
      { iss: 'https://sso.land.example', sub: 'land-bureau', aud: 'govgraph' },
      'RS256',
    );
    expect(await refusal(registry.authenticate({ bearerToken: land }))).toMatch(/wrong audience/);
  });

  it('refuses a token signed with another key', async () => {
    const bearer = await token(strangerKeys, {
      iss: AGENCY_ISSUER,
      sub: 'tax-bureau',
      aud: 'govgraph',
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(/bad signature/);
  });

  it('refuses a token whose subject is not the agency registered for the issuer', async () => {
    const bearer = await token(agencyKeys, {
      iss: AGENCY_ISSUER,
      sub: 'land-bureau',
      aud: 'govgraph',
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(
      /sub must be the agency id/,
    );
  });

  it('refuses a bearer token that is not a JWT', async () => {
    expect(await refusal(registry.authenticate({ bearerToken: 'abc.def' }))).toMatch(/not a JWT/);
  });

  it('authenticates a citizen whose token subject is a valid national ID', async () => {
    const bearer = await token(citizenKeys, {
      iss: CITIZEN_ISSUER,
      sub: '11010519491231002x',
      aud: 'govgraph',
    });
    expect(await registry.authenticate({ bearerToken: bearer })).toEqual({
      kind: 'citizen',
      nationalId: '11010519491231002X',
    });
  });

  it('refuses a citizen token whose subject is a malformed national ID', async () => {
    const bearer = await token(citizenKeys, {
      iss: CITIZEN_ISSUER,
      sub: '110105194912310021',
      aud: 'govgraph',
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(
      /subject is not a valid national ID: the check character is 1 but .* should be X/,
    );
  });

  it('refuses a citizen token signed by an agency key', async () => {
    const bearer = await token(agencyKeys, {
      iss: CITIZEN_ISSUER,
      sub: '11010519491231002X',
      aud: 'govgraph',
    });
    expect(await refusal(registry.authenticate({ bearerToken: bearer }))).toMatch(/bad signature/);
  });

  it('answers purposes, grants and the citizen’s coordinates from its snapshot', () => {
    expect(registry.purpose('TAX_AUDIT')).toEqual({
      code: 'TAX_AUDIT',
      description: 'A tax inspection',
      legalBasis: 'Tax Collection Law art. 54',
    });
    expect(registry.purpose('FISHING')).toBeUndefined();
    expect(registry.purposes().map((p) => p.code)).toContain('TAX_AUDIT');
    expect(registry.purposes()).toContainEqual(registry.purpose('TAX_AUDIT'));
    expect([...(registry.grantedCoordinates('tax-bureau', 'TAX_AUDIT') ?? [])].sort()).toEqual([
      'Person.name',
      'PersonTaxProfile.*',
      'Query.person',
    ]);
    expect(registry.grantedCoordinates('tax-bureau', 'AUDIT')).toBeUndefined();
    expect(registry.grantedCoordinates('nobody', 'TAX_AUDIT')).toBeUndefined();
    expect([...registry.citizenCoordinates()].sort()).toEqual([
      'AccessRecord.*',
      'Person.accessLog',
      'Person.nationalId',
      'Query.person',
    ]);
  });

  it('sees a grant made with the agency command after refresh, and bumps its version', async () => {
    const before = registry.version;
    await registry.refresh();
    expect(registry.version).toBe(before);
    const out = captureOutput();
    const code = await runAgencyCli(
      ['grant', 'tax-bureau', 'TAX_AUDIT', 'Person.realEstate', 'RealEstateTitle.*'],
      hub.env,
      out,
    );
    expect(out.text).toContain(
      'Granted tax-bureau under TAX_AUDIT: Person.realEstate, RealEstateTitle.*.',
    );
    expect(code).toBe(0);
    expect(registry.grantedCoordinates('tax-bureau', 'TAX_AUDIT')?.has('Person.realEstate')).toBe(
      false,
    );
    await registry.refresh();
    expect(registry.version).toBe(before + 1);
    expect([...(registry.grantedCoordinates('tax-bureau', 'TAX_AUDIT') ?? [])].sort()).toEqual([
      'Person.name',
      'Person.realEstate',
      'PersonTaxProfile.*',
      'Query.person',
      'RealEstateTitle.*',
    ]);
  });

  it('refreshes in the background', async () => {
    const quick = await createAccessRegistry({ store: hub.store, refreshMs: 20 });
    try {
      await grantCoordinates(hub.store, 'auditor', 'AUDIT', ['LegalEntity.accessLog']);
      await vi.waitFor(
        () =>
          expect(quick.grantedCoordinates('auditor', 'AUDIT')?.has('LegalEntity.accessLog')).toBe(
            true,
          ),
        {
          timeout: 5000,
          interval: 20,
        },
      );
    } finally {
      await quick.close();
    }
  });

  it('refuses a revoked key and a disabled agency after refresh', async () => {
    const other = await issueApiKey(hub.store, 'auditor');
    await registry.refresh();
    expect(await registry.authenticate({ apiKey: other.key })).toMatchObject({
      agencyId: 'auditor',
      roles: ['auditor'],
    });
    await revokeApiKey(hub.store, apiKeyId);
    await setAgencyDisabled(hub.store, 'auditor', true);
    await registry.refresh();
    expect(await refusal(registry.authenticate({ apiKey }))).toMatch(
      /API key gg_\S{8}… was revoked at \d{4}-/,
    );
    expect(await refusal(registry.authenticate({ apiKey: other.key }))).toMatch(
      /agency "auditor" is disabled/,
    );
    await setAgencyDisabled(hub.store, 'auditor', false);
  });

  it('warns once about an agency key that cannot be used, not on every unchanged refresh', async () => {
    const logger = createLogger('hub-test', 'silent');
    const warn = vi.spyOn(logger, 'warn');
    const land = () => hub.store.db.updateTable('agencies').where('id', '=', 'land-bureau');
    const { jwt_public_key: goodKey } = await hub.store.db
      .selectFrom('agencies')
      .select('jwt_public_key')
      .where('id', '=', 'land-bureau')
      .executeTakeFirstOrThrow();
    await land().set({ jwt_public_key: 'not a key' }).execute();
    const quiet = await createAccessRegistry({ store: hub.store, logger });
    try {
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatchObject({ agency: 'land-bureau' });
      await quiet.refresh();
      await quiet.refresh();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(quiet.version).toBe(1);
    } finally {
      await quiet.close();
      await land().set({ jwt_public_key: goodKey }).execute();
    }
  });

  it('refuses to start with a citizen key that cannot be used', async () => {
    await expect(
      createAccessRegistry({
        store: hub.store,
        citizenIssuer: { issuer: CITIZEN_ISSUER, publicKey: 'not a key' },
      }),
    ).rejects.toThrow(/JWK \(JSON\) or an SPKI PEM/);
  });
});
