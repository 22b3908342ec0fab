import { ENGINES } from '@govgraph/testing';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgencyCli } from '../src/cli/runAgencyCli.js';
import {
  createAccessRegistry,
  expiringApiKeys,
  type HubAccessRegistry,
  issueApiKey,
  revokeApiKey,
} from '../src/index.js';
import { captureOutput, useHubStore } from './useHubStore.js';

const DAY = 86_400_000;

/** The UNAUTHENTICATED message a refused credential carries. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return (error as GraphQLError).message;
}

describe.each(ENGINES)('API keys with an expiry on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_key_expiry' });
  let registry: HubAccessRegistry;
  beforeAll(async () => {
    registry = await createAccessRegistry({ store: hub.store });
  });
  afterAll(() => registry?.close());

  const agency = async (...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAgencyCli(argv, hub.env, out, err);
    return { code, out: out.text, err: err.text };
  };

  it('issues a key for 90 days from the command line; it works and its expiry is listed', async () => {
    const before = Date.now();
    const issued = await agency('key', 'issue', 'tax-bureau', '--expires', '90d');
    expect(issued.code).toBe(0);
    const key = /\n {2}(gg_[A-Za-z0-9_-]{43})\n/.exec(issued.out)?.[1] ?? '';
    const keyId = /API key (key_[0-9a-f]{12}) for tax-bureau/.exec(issued.out)?.[1] ?? '';
    const expires = /It expires on (\S+);/.exec(issued.out)?.[1] ?? '';
    const expiresMs = Date.parse(expires);
    expect(expiresMs).toBeGreaterThanOrEqual(before + 90 * DAY);
    expect(expiresMs).toBeLessThanOrEqual(Date.now() + 90 * DAY);
    expect(await registry.authenticate({ apiKey: key })).toMatchObject({ agencyId: 'tax-bureau' });
    const listed = await agency('key', 'list', 'tax-bureau');
    expect(listed.out).toMatch(/^KEY ID\s+PREFIX\s+CREATED\s+EXPIRES\s+REVOKED\n/);
    expect(listed.out).toMatch(new RegExp(`${keyId}\\s+gg_\\S+…\\s+\\S+\\s+${expires}\\s+-\\n`));
    await revokeApiKey(hub.store, keyId);
  });

  it('says a key without --expires never expires', async () => {
    const issued = await agency('key', 'issue', 'auditor');
    expect(issued.out).toContain('It never expires; give --expires 90d to issue keys that do.');
    const keyId = /API key (key_[0-9a-f]{12})/.exec(issued.out)?.[1] ?? '';
    expect((await agency('key', 'list', 'auditor')).out).toMatch(
      new RegExp(`${keyId}\\s+\\S+\\s+\\S+\\s+never\\s+-\\n`),
    );
    await revokeApiKey(hub.store, keyId);
  });

  it('refuses an expired key, saying when it expired and how to get a new one', async () => {
    const issuedAt = new Date(Date.now() - 100 * DAY);
    const expiresAt = new Date(Date.now() - DAY);
    const old = await issueApiKey(hub.store, 'tax-bureau', { now: issuedAt, expiresAt });
    // Through the catch-up path (issued after the snapshot) and through the snapshot itself.
    for (const round of ['fresh', 'refreshed']) {
      if (round === 'refreshed') await registry.refresh();
      const message = await refusal(registry.authenticate({ apiKey: ` ${old.key} ` }));
      expect(message).toBe(
        `The API key ${old.key.slice(0, 11)}… expired on ${expiresAt.toISOString()}; ask the platform operator for a new one (they issue it with \`npm run agency -- key issue tax-bureau --expires 90d\`).`,
      );
    }
    await revokeApiKey(hub.store, old.id);
  });

  it('refuses a key from the moment it expires, without waiting for a registry refresh', async () => {
    // The one wait in this file: a key valid for 3 s is used at once, then after its expiry.
    // 3 s leaves a loaded machine ample time for the first request.
    const expiresAt = new Date(Date.now() + 3000);
    const soon = await issueApiKey(hub.store, 'tax-bureau', { expiresAt });
    await registry.refresh();
    const versionBefore = registry.version;
    expect(await registry.authenticate({ apiKey: soon.key })).toMatchObject({
      agencyId: 'tax-bureau',
    });
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now()) + 50),
    );
    expect(await refusal(registry.authenticate({ apiKey: soon.key }))).toMatch(/ expired on /);
    expect(registry.version).toBe(versionBefore);
    await revokeApiKey(hub.store, soon.id);
  });

  it('refuses an expiry that is not in the future, and a duration it cannot read', async () => {
    await expect(
      issueApiKey(hub.store, 'tax-bureau', { expiresAt: new Date(Date.now() - 1000) }),
    ).rejects.toThrow(/expiry must lie in the future/);
    for (const bad of ['0d', '90', '90 days', '-5d', '1y']) {
      const result = await agency('key', 'issue', 'tax-bureau', `--expires=${bad}`);
      expect(result.code).toBe(2);
      expect(result.err).toContain(
        `--expires takes a duration such as 90d, 12h or 30m, not ${JSON.stringify(bad)}`,
      );
    }
    expect((await agency('key', 'list', 'tax-bureau', '--expires', '5d')).err).toMatch(
      /key does not take --expires/,
    );
    expect((await agency('key', 'expiring', '--within', 'soon')).code).toBe(2);
  });

  it('lists keys expired or expiring within 14 days (or --within), soonest first', async () => {
    const now = Date.now();
    const in5 = await issueApiKey(hub.store, 'tax-bureau', { expiresAt: new Date(now + 5 * DAY) });
    const in30 = await issueApiKey(hub.store, 'auditor', { expiresAt: new Date(now + 30 * DAY) });
    const gone = await issueApiKey(hub.store, 'auditor', {
      now: new Date(now - 10 * DAY),
      expiresAt: new Date(now - 2 * DAY),
    });
    const revoked = await issueApiKey(hub.store, 'tax-bureau', {
      expiresAt: new Date(now + 2 * DAY),
    });
    await revokeApiKey(hub.store, revoked.id);
    const forever = await issueApiKey(hub.store, 'tax-bureau');

    const ids = (keys: { id: string }[]) => keys.map((k) => k.id);
    expect(ids(await expiringApiKeys(hub.store, 14 * DAY))).toEqual([gone.id, in5.id]);
    expect(ids(await expiringApiKeys(hub.store, 60 * DAY))).toEqual([gone.id, in5.id, in30.id]);

    const listed = await agency('key', 'expiring');
    expect(listed.code).toBe(0);
    const lines = listed.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^AGENCY\s+KEY ID\s+PREFIX\s+EXPIRES\s+STATE$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^auditor\\s+${gone.id}\\s+.*\\s+expired$`)),
      expect.stringMatching(new RegExp(`^tax-bureau\\s+${in5.id}\\s+.*\\s+expiring$`)),
    ]);
    const wider = await agency('key', 'expiring', '--within', '60d');
    expect(wider.out).toContain(in30.id);
    expect(wider.out).not.toContain(revoked.id);
    expect(wider.out).not.toContain(forever.id);
    for (const k of [in5, in30, gone, forever]) await revokeApiKey(hub.store, k.id);
    expect((await agency('key', 'expiring')).out).toBe('No API key expires within 14 days.\n');
  });
});
