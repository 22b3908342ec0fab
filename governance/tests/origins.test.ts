import { writeFileSync } from 'node:fs';
import { ENGINES } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgencyCli } from '../src/cli/runAgencyCli.js';
import {
  createAccessRegistry,
  type HubAccessRegistry,
  parseOrigin,
  parseRegistryFile,
  RegistryFileError,
  setAgencyDisabled,
  syncRegistryFile,
} from '../src/index.js';
import { captureOutput, SMALL_REGISTRY, useHubStore } from './useHubStore.js';

const DESK = 'https://desk.example.gov';
const PORTAL = 'https://citizen.example.gov';

/** SMALL_REGISTRY with origins for the tax bureau and the citizen portal. */
const withOrigins = (taxOrigins: readonly string[], citizenOrigins: readonly string[]) => ({
  ...SMALL_REGISTRY,
  agencies: SMALL_REGISTRY.agencies.map((a) =>
    a.id === 'tax-bureau' ? { ...a, origins: taxOrigins } : a,
  ),
  citizen: { ...SMALL_REGISTRY.citizen, origins: citizenOrigins },
});

const problemsOf = (json: unknown): readonly string[] => {
  try {
    parseRegistryFile(json, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryFileError);
    return (error as RegistryFileError).problems;
  }
  throw new Error('the file was accepted');
};

describe('origins as written', () => {
  it('takes exact origins and gives them in the form browsers send', () => {
    expect(parseOrigin('https://desk.example.gov')).toEqual({ origin: DESK });
    expect(parseOrigin('HTTPS://Desk.Example.GOV:443')).toEqual({ origin: DESK });
    expect(parseOrigin('http://localhost:5173')).toEqual({ origin: 'http://localhost:5173' });
    expect(parseOrigin('http://127.0.0.1:80')).toEqual({ origin: 'http://127.0.0.1' });
    expect(parseOrigin('http://[::1]:8080')).toEqual({ origin: 'http://[::1]:8080' });
  });

  it('refuses wildcards, paths, trailing slashes, queries, users and other schemes, saying why', () => {
    const problem = (value: string) => {
      const parsed = parseOrigin(value);
      return 'problem' in parsed ? parsed.problem : 'accepted';
    };
    expect(problem('*')).toMatch(/wildcards are not allowed/);
    expect(problem('https://*.example.gov')).toMatch(/wildcards are not allowed/);
    expect(problem('https://desk.example.gov/')).toMatch(/must not have a path/);
    expect(problem('https://desk.example.gov/app')).toMatch(/must not have a path/);
    expect(problem('https://desk.example.gov?x=1')).toMatch(/must not have a path, query/);
    expect(problem('https://desk.example.gov#top')).toMatch(/must not have a path/);
    expect(problem('https://clerk:pw@desk.example.gov')).toMatch(/user name/);
    expect(problem('ftp://desk.example.gov')).toMatch(/scheme must be http or https/);
    expect(problem('null')).toMatch(/is not an origin/);
    expect(problem('desk.example.gov')).toMatch(/is not an origin/);
    expect(problem('')).toMatch(/is not an origin/);
  });

  it('names each bad origin of a registry file by its path', () => {
    const bad = withOrigins([DESK, 'https://*.example.gov'], ['https://citizen.example.gov/']);
    expect(problemsOf(bad)).toEqual([
      expect.stringMatching(/^agencies\[0\]\.origins\[1\]: .*wildcards are not allowed/),
      expect.stringMatching(/^citizen\.origins\[0\]: .*must not have a path/),
    ]);
    expect(problemsOf({ ...SMALL_REGISTRY, citizen: { coordinates: [], origins: 'x' } })).toEqual([
      'citizen.origins: must be a list of origins ("https://desk.example.gov")',
    ]);
  });
});

describe.each(ENGINES)('agency origins in the hub store on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_origins' });
  let registry: HubAccessRegistry;
  beforeAll(async () => {
    registry = await createAccessRegistry({ store: hub.store, refreshMs: 60_000 });
  });
  afterAll(async () => {
    await registry?.close();
  });

  const agency = async (...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAgencyCli(argv, hub.env, out, err);
    return { code, out: out.text, err: err.text };
  };
  const sync = async (file: unknown) => {
    writeFileSync(hub.registryFile, JSON.stringify(file));
    await syncRegistryFile(hub.store, hub.registryFile);
    await registry.refresh();
  };

  it('adds, lists and removes an agency’s origins with the agency command', async () => {
    expect(await agency('origin', 'list', 'tax-bureau')).toEqual({
      code: 0,
      out: 'tax-bureau lists no origins: browser pages cannot call the gateway with its credentials.\n',
      err: '',
    });
    expect(await agency('origin', 'add', 'tax-bureau', 'HTTPS://Desk.Example.gov')).toEqual({
      code: 0,
      out: `tax-bureau's browser apps on ${DESK} may call the gateway from the next registry refresh.\n`,
      err: '',
    });
    expect((await agency('origin', 'add', 'tax-bureau', DESK)).out).toBe(
      `tax-bureau already lists ${DESK}.\n`,
    );
    expect((await agency('origin', 'add', 'tax-bureau', 'http://localhost:5173')).code).toBe(0);
    const listed = await agency('origin', 'list', 'tax-bureau');
    expect(listed.out.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^ORIGIN\s+FROM$/),
      expect.stringMatching(/^http:\/\/localhost:5173\s+cli$/),
      expect.stringMatching(/^https:\/\/desk\.example\.gov\s+cli$/),
    ]);

    await registry.refresh();
    expect([...registry.agenciesAllowingOrigin(DESK)]).toEqual(['tax-bureau']);
    expect(registry.agencyAllowsOrigin('tax-bureau', DESK)).toBe(true);
    expect(registry.agencyAllowsOrigin('auditor', DESK)).toBe(false);
    expect(registry.agencyAllowsOrigin('tax-bureau', 'https://desk.example.gov:8443')).toBe(false);
    expect(registry.agencyAllowsOrigin('tax-bureau', 'http://desk.example.gov')).toBe(false);

    expect(await agency('origin', 'remove', 'tax-bureau', 'http://localhost:5173')).toEqual({
      code: 0,
      out: "tax-bureau's requests from http://localhost:5173 are refused from the next registry refresh.\n",
      err: '',
    });
    expect((await agency('origin', 'remove', 'tax-bureau', 'http://localhost:5173')).out).toBe(
      'tax-bureau does not list http://localhost:5173; nothing removed.\n',
    );
    await registry.refresh();
    expect(registry.agencyAllowsOrigin('tax-bureau', 'http://localhost:5173')).toBe(false);
  });

  it('refuses a malformed origin or an unknown agency, and bad arguments with usage', async () => {
    expect(await agency('origin', 'add', 'tax-bureau', 'https://*.example.gov')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/wildcards are not allowed/),
    });
    expect(await agency('origin', 'add', 'tax-bureau', `${DESK}/app`)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/must not have a path/),
    });
    expect(await agency('origin', 'add', 'nobody', DESK)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/There is no agency "nobody"/),
    });
    for (const argv of [
      ['origin'],
      ['origin', 'add', 'tax-bureau'],
      ['origin', 'list'],
      ['origin', 'list', 'tax-bureau', DESK],
      ['origin', 'drop', 'tax-bureau', DESK],
    ]) {
      const { code, err } = await agency(...argv);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(err).toMatch(/^origin takes add <agency> <origin>, remove <agency> <origin> or list/);
    }
  });

  it('syncs the registry file’s origins, keeping those added by command', async () => {
    await sync(withOrigins(['https://tax.example.gov'], [PORTAL]));
    expect([...registry.agenciesAllowingOrigin('https://tax.example.gov')]).toEqual(['tax-bureau']);
    expect(registry.agencyAllowsOrigin('tax-bureau', DESK)).toBe(true); // from the command
    expect(registry.citizenAllowsOrigin(PORTAL)).toBe(true);
    expect(registry.citizenAllowsOrigin(DESK)).toBe(false);
    const removal = await agency('origin', 'remove', 'tax-bureau', 'https://tax.example.gov');
    expect(removal.out).toMatch(/Note: the registry file lists https:\/\/tax\.example\.gov/);

    // Deleting the line from the reviewed file takes the origin away.
    await sync(withOrigins([], []));
    expect(registry.agenciesAllowingOrigin('https://tax.example.gov').size).toBe(0);
    expect(registry.citizenAllowsOrigin(PORTAL)).toBe(false);
    expect(registry.agencyAllowsOrigin('tax-bureau', DESK)).toBe(true);
  });

  it('opens no origin for a disabled agency', async () => {
    await setAgencyDisabled(hub.store, 'tax-bureau', true);
    await registry.refresh();
    expect(registry.agenciesAllowingOrigin(DESK).size).toBe(0);
    expect(registry.agencyAllowsOrigin('tax-bureau', DESK)).toBe(false);
    await setAgencyDisabled(hub.store, 'tax-bureau', false);
    await registry.refresh();
    expect(registry.agencyAllowsOrigin('tax-bureau', DESK)).toBe(true);
  });
});
