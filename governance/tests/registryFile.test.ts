import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES } from '@govgraph/testing';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  addAgency,
  DEFAULT_REGISTRY_FILE,
  grantCoordinates,
  listAgencies,
  listGrants,
  loadRegistryFile,
  parseRegistryFile,
  RegistryFileError,
  syncRegistryFile,
} from '../src/index.js';
import { SMALL_REGISTRY, useHubStore } from './useHubStore.js';

const problemsOf = (json: unknown): readonly string[] => {
  try {
    parseRegistryFile(json, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryFileError);
    return (error as RegistryFileError).problems;
  }
  throw new Error('the file was accepted');
};

const supergraph = buildSchema(
  readFileSync(fileURLToPath(new URL('../../gateway/supergraph.graphql', import.meta.url)), 'utf8'),
  { assumeValidSDL: true },
);
/** What the data tracker adds (subgraphs/tracker); checked against the supergraph once it is composed in. */
const TRACKER_COORDINATES = new Set([
  'Person.accessLog',
  'LegalEntity.accessLog',
  'AccessRecordConnection.*',
  'AccessRecord.*',
]);

describe('the checked-in registry file', () => {
  const file = loadRegistryFile(DEFAULT_REGISTRY_FILE);

  it('is valid, with the purposes and agencies the hub is described with', () => {
    expect(file.purposes.map((p) => p.code).sort()).toEqual([
      'ADMINISTRATIVE_APPROVAL',
      'AUDIT',
      'BUSINESS_LICENSING',
      'MARKET_SUPERVISION',
      'SERVICE_DESK',
      'SOCIAL_ASSISTANCE_ELIGIBILITY',
      'TAX_AUDIT',
    ]);
    expect(file.agencies.find((a) => a.id === 'data-protection-auditor')?.roles).toEqual([
      'auditor',
    ]);
    const auditor = file.grants.find((g) => g.agency === 'data-protection-auditor');
    expect(auditor?.purpose).toBe('AUDIT');
    expect([...(auditor?.coordinates ?? [])].sort()).toEqual([
      'AccessRecord.*',
      'AccessRecordConnection.*',
      'LegalEntity.accessLog',
      'LegalEntity.creditCode',
      'Person.accessLog',
      'Person.nationalId',
      'Query.legalEntity',
      'Query.person',
    ]);
  });

  it('lets a citizen read their identity and access log', () => {
    expect(file.citizen.coordinates).toEqual(
      expect.arrayContaining([
        'Query.person',
        'Person.nationalId',
        'Person.name',
        'Person.accessLog',
        'AccessRecordConnection.*',
        'AccessRecord.*',
      ]),
    );
  });

  it('names only types and fields of the composed graph', () => {
    const trackerComposed = supergraph.getType('AccessRecord') !== undefined;
    const unknown: string[] = [];
    const all = [...file.grants.flatMap((g) => g.coordinates), ...file.citizen.coordinates];
    for (const coordinate of all) {
      const [typeName = '', field = ''] = coordinate.split('.');
      const type = supergraph.getType(typeName);
      const known =
        (isObjectType(type) || isInterfaceType(type)) &&
        (field === '*' || field in type.getFields());
      if (!known && !(TRACKER_COORDINATES.has(coordinate) && !trackerComposed))
        unknown.push(coordinate);
    }
    expect(unknown).toEqual([]);
  });

  it('gives the service desk the whole citizen record but not the access log', () => {
    const desk = file.grants.find((g) => g.agency === 'service-desk-app');
    expect(desk?.coordinates).toEqual(
      expect.arrayContaining(['Query.person', 'Person.taxProfile', 'PersonTaxYear.*']),
    );
    expect(desk?.coordinates).not.toContain('Person.accessLog');
    expect(desk?.coordinates).not.toContain('Person.*');
  });
});

describe('registry file validation', () => {
  it('names every problem by its JSON path', () => {
    const problems = problemsOf({
      purposes: [
        { code: 'tax audit', description: 'x', legalBasis: 'y' },
        { code: 'AUDIT', description: '', legalBasis: 'y' },
      ],
      agencies: [
        { id: 'tax-bureau', name: 'Tax', jwt: { issuer: 'https://sso', publicKey: 'not a key' } },
        { id: 'Land_Bureau', name: 'Land' },
        { id: 'tax-bureau', name: 'Tax again', roles: ['admin'] },
        { id: 'auditor', name: 'Auditor', colour: 'blue' },
      ],
      grants: [
        {
          agency: 'tax-bureau',
          purpose: 'AUDIT',
          coordinates: ['Person.name', 'Person', 'Person.name.first'],
        },
        { agency: 'nobody', purpose: 'FISHING', coordinates: ['Person.name'] },
        { agency: 'tax-bureau', purpose: 'AUDIT', coordinates: [] },
      ],
      citizen: { coordinates: ['Query.person', 'person.*x'] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'purposes[0].code: must be upper-case words joined by underscores (TAX_AUDIT)',
        'purposes[1].description: must not be empty',
        'agencies[0].jwt.publicKey: the public key must be a JWK (JSON) or an SPKI PEM starting with -----BEGIN PUBLIC KEY-----',
        'agencies[1].id: "Land_Bureau" is not an agency id: use lower-case letters, digits and dashes (tax-bureau)',
        'agencies[2].roles[0]: the only role is "auditor"',
        'grants[0].coordinates[1]: "Person" is not a field coordinate: write Type.field (Person.name) or Type.* (LegalEntity.*)',
        'grants[0].coordinates[2]: "Person.name.first" is not a field coordinate: write Type.field (Person.name) or Type.* (LegalEntity.*)',
        'grants[2].coordinates: must name at least one coordinate',
        'citizen.coordinates[1]: "person.*x" is not a field coordinate: write Type.field (Person.name) or Type.* (LegalEntity.*)',
      ]),
    );
    expect(problems.some((p) => p.startsWith('agencies[3]:') && p.includes('colour'))).toBe(true);
  });

  it('names duplicates and grants to agencies or purposes the file does not list', () => {
    expect(
      problemsOf({
        ...SMALL_REGISTRY,
        agencies: [...SMALL_REGISTRY.agencies, { id: 'tax-bureau', name: 'Again' }],
        grants: [
          ...SMALL_REGISTRY.grants,
          { agency: 'nobody', purpose: 'FISHING', coordinates: ['Person.name'] },
        ],
      }),
    ).toEqual([
      'agencies[2].id: "tax-bureau" is listed twice',
      'grants[2].agency: no agency "nobody" is listed under "agencies"',
      'grants[2].purpose: no purpose "FISHING" is listed under "purposes"',
    ]);
  });

  it('names a missing section', () => {
    const { citizen: _citizen, ...rest } = SMALL_REGISTRY;
    expect(problemsOf(rest)).toEqual([expect.stringMatching(/^citizen: /)]);
  });

  it('says when the file is not JSON or cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govgraph-registry-'));
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "purposes": [ }');
    try {
      expect(() => loadRegistryFile(path)).toThrow(
        /The registry file .*broken\.json is not valid:\n {2}is not JSON/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => loadRegistryFile('/nonexistent/registry.json')).toThrow(
      /cannot be read .*HUB_REGISTRY_FILE/,
    );
  });
});

describe.each(ENGINES)('registry file sync on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_sync' });

  it('writes what the file lists, keeps what the command made, and takes away what left the file', async () => {
    await addAgency(hub.store, { id: 'land-bureau', name: 'Land bureau' });
    await grantCoordinates(hub.store, 'land-bureau', 'TAX_AUDIT', ['Building.*']);
    await grantCoordinates(hub.store, 'tax-bureau', 'TAX_AUDIT', ['Person.realEstate']);

    const changed = {
      ...SMALL_REGISTRY,
      agencies: [{ id: 'tax-bureau', name: 'Municipal tax bureau' }],
      grants: [
        {
          agency: 'tax-bureau',
          purpose: 'TAX_AUDIT',
          coordinates: ['Query.person', 'Person.name'],
        },
      ],
    };
    writeFileSync(hub.registryFile, JSON.stringify(changed));
    const summary = await syncRegistryFile(hub.store, hub.registryFile);
    expect(summary).toEqual({
      purposes: 2,
      agencies: 1,
      grants: 2,
      revokedGrants: 3,
      disabledAgencies: ['auditor'],
    });
    const agencies = await listAgencies(hub.store);
    expect(agencies.map((a) => [a.id, a.name, a.disabled, a.source])).toEqual([
      ['auditor', 'Data protection auditor', true, 'file'],
      ['land-bureau', 'Land bureau', false, 'cli'],
      ['tax-bureau', 'Municipal tax bureau', false, 'file'],
    ]);
    expect(
      (await listGrants(hub.store)).map(
        (g) => `${g.agencyId} ${g.purpose} ${g.coordinate} ${g.source}`,
      ),
    ).toEqual([
      'land-bureau TAX_AUDIT Building.* cli',
      'tax-bureau TAX_AUDIT Person.name file',
      'tax-bureau TAX_AUDIT Person.realEstate cli',
      'tax-bureau TAX_AUDIT Query.person file',
    ]);

    // Syncing the same file again changes nothing.
    expect(await syncRegistryFile(hub.store, hub.registryFile)).toMatchObject({
      revokedGrants: 0,
      disabledAgencies: [],
    });
    writeFileSync(hub.registryFile, JSON.stringify(SMALL_REGISTRY));
  });
});
