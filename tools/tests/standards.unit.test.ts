import { describe, expect, it } from 'vitest';
import { composeDepartments } from '../src/composeDepartments.js';
import { checkStandards } from '../src/standards/checkStandards.js';
import { formatFinding } from '../src/standards/Finding.js';
import { composable, licences, licencesSdl, registry, registrySdl } from './fixtures/composable.js';

const findingsOf = (...subgraphs: ReturnType<typeof composable>[]) =>
  checkStandards(composeDepartments(subgraphs)).findings.map(formatFinding);

describe('standards check', () => {
  it('passes two clean departments that share an entity', () => {
    const composition = composeDepartments([registry, licences]);
    expect(composition.errors).toEqual([]);
    expect(checkStandards(composition).findings).toEqual([]);
  });

  it('reports a field without a description, naming subgraph, type and field', () => {
    const sdl = registrySdl.replace('"Full name."\n', '');
    expect(findingsOf(composable('registry', 4101, sdl), licences)).toEqual([
      'registry: Citizen.name — field has no description: add a "..." description saying what it holds, for the schema and the data catalog.',
    ]);
  });

  it('reports an undescribed argument and type, but not a key field another subgraph describes', () => {
    const sdl = registrySdl
      .replace('"Resident identity number." nationalId: NationalId!)', 'nationalId: NationalId!)')
      .replace('"Whether a citizen is alive."\n', '');
    expect(findingsOf(composable('registry', 4101, sdl), licences)).toEqual([
      expect.stringMatching(
        /^registry: Query\.citizen\(nationalId:\) — argument has no description/,
      ),
      expect.stringMatching(/^registry: CitizenStatus — type has no description/),
    ]);
  });

  it('reports a field with no classification of its own or of its type in that subgraph', () => {
    const sdl = licencesSdl.replace(
      'type Licence @key(fields: "id") @classification(level: PUBLIC) @cacheControl(maxAge: 3600) {',
      'type Licence @key(fields: "id") @cacheControl(maxAge: 3600) {',
    );
    expect(findingsOf(registry, composable('licences', 4102, sdl))).toEqual([
      'licences: Licence.id — field has no classification: add @classification(level: PUBLIC | INTERNAL | PERSONAL | SENSITIVE | CONFIDENTIAL) to the field, or to type Licence in this subgraph.',
      expect.stringMatching(/^licences: Licence\.kind — field has no classification/),
    ]);
  });

  it('accepts a field-level classification in place of the type level', () => {
    const sdl = licencesSdl
      .replace('@key(fields: "id") @classification(level: PUBLIC)', '@key(fields: "id")')
      .replace('id: ID!', 'id: ID! @classification(level: PUBLIC)')
      .replace('kind: String!', 'kind: String! @classification(level: INTERNAL)');
    expect(findingsOf(registry, composable('licences', 4102, sdl))).toEqual([]);
  });

  it('reports a type-level classification that differs between subgraphs', () => {
    const sdl = licencesSdl
      .replace(
        'type Citizen @key(fields: "nationalId") @cacheControl(maxAge: 300) {',
        'type Citizen @key(fields: "nationalId") @cacheControl(maxAge: 300) @classification(level: INTERNAL) {',
      )
      .replace(
        'nationalId: NationalId! @classification(level: PERSONAL)',
        'nationalId: NationalId!',
      );
    expect(findingsOf(registry, composable('licences', 4102, sdl))).toEqual([
      "licences: Citizen — @classification(level: INTERNAL) on the type conflicts with PERSONAL in registry; the supergraph keeps only one type level, so fields relying on it would be misclassified. Classify this subgraph's fields of Citizen one by one instead.",
    ]);
  });

  it('reports badly named fields, arguments, types and enum values', () => {
    const sdl = registrySdl
      .replace('name: String!', 'full_name: String!')
      .replace(
        'citizen("Resident identity number." nationalId',
        'citizen("Resident identity number." NationalID',
      )
      .replace('enum CitizenStatus', 'enum citizen_status')
      .replace('status: CitizenStatus!', 'status: citizen_status!')
      .replace('DECEASED', 'Deceased');
    expect(findingsOf(composable('registry', 4101, sdl))).toEqual([
      'registry: Query.citizen(NationalID:) — argument name is not camelCase: rename it (e.g. nationalId).',
      'registry: Citizen.full_name — field name is not camelCase: rename it (e.g. birthDate).',
      'registry: citizen_status — enum name is not PascalCase: rename it (e.g. LegalEntity).',
      'registry: citizen_status.Deceased — enum value name is not UPPER_SNAKE: rename it (e.g. NOT_MARRIED).',
    ]);
  });

  it('reports an entity key that is not a standard identifier scalar', () => {
    const sdl = registrySdl
      .replace('@key(fields: "nationalId")', '@key(fields: "name")')
      .replace(
        'type Query {',
        'type Query {\n"Lists." all: [Citizen!]! @listSize(assumedSize: 10) @classification(level: PERSONAL)',
      );
    expect(findingsOf(composable('registry', 4101, sdl))).toEqual([
      'registry: Citizen.name — @key(fields: "name") uses a String field. Key entities by a standard identifier: NationalId, CreditCode, BuildingId, DivisionCode.',
    ]);
  });

  it('reports an entity without a cache hint, but not a stub the subgraph cannot resolve', () => {
    const sdl = `${licencesSdl
      .replace(
        '@classification(level: PUBLIC) @cacheControl(maxAge: 3600)',
        '@classification(level: PUBLIC)',
      )
      .replace('kind: String!', 'kind: String!\n"Where it applies." site: Building')}
      "A building another department owns."
      type Building @key(fields: "buildingId", resolvable: false) {
        "Its identifier." buildingId: BuildingId! @classification(level: INTERNAL)
      }`;
    expect(findingsOf(registry, composable('licences', 4102, sdl))).toEqual([
      'licences: Licence — entity Licence has no cache hint: add @cacheControl(maxAge: <seconds>) to the type (0 means never cache).',
    ]);
  });

  it('reports a list field without @listSize, suggesting the slicing argument when it has first', () => {
    const sdl = licencesSdl
      .replace('@listSize(assumedSize: 5) ', '')
      .replace(
        '"What the licence permits."',
        '"Renewals, newest first."\n    renewals("Page size." first: Int = 20): [String!]!\n    "What the licence permits."',
      );
    expect(findingsOf(registry, composable('licences', 4102, sdl))).toEqual([
      'licences: Citizen.licences — list field has no @listSize: add @listSize(assumedSize: <the most items it returns in practice>), so the gateway can estimate the cost of operations that ask for it.',
      'licences: Licence.renewals — list field has no @listSize: add @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false), so the gateway can estimate the cost of operations that ask for it.',
    ]);
  });

  it("accepts a connection's nodes sized by the field that returns the connection", () => {
    const sdl = licencesSdl.replace(
      'licences: [Licence!]! @listSize(assumedSize: 5) @classification(level: INTERNAL)',
      `licences("Page size." first: Int = 20): LicenceConnection!
        @listSize(slicingArguments: ["first"], sizedFields: ["nodes"], requireOneSlicingArgument: false)
        @classification(level: INTERNAL)
    }
    "A page of licences."
    type LicenceConnection @classification(level: INTERNAL) {
      "The licences on this page."
      nodes: [Licence!]!`,
    );
    expect(findingsOf(registry, composable('licences', 4102, sdl))).toEqual([]);
    const unsized = sdl.replace(', sizedFields: ["nodes"]', '');
    // Composition refuses the connection field too; the standards finding names the list to size.
    expect(findingsOf(registry, composable('licences', 4102, unsized))).toContainEqual(
      expect.stringMatching(/^licences: LicenceConnection\.nodes — list field has no @listSize/),
    );
  });

  it('allows an ID key only on a type that one subgraph alone declares', () => {
    // Licence is keyed by ID in licences alone: hub-internal, accepted (the clean pair above).
    const registryWithLicence = `${registrySdl}
      "A licence as the registry sees it."
      type Licence @key(fields: "id", resolvable: false) @classification(level: PUBLIC) {
        "The office's licence number."
        id: ID!
      }`;
    const findings = findingsOf(composable('registry', 4101, registryWithLicence), licences);
    expect(findings).toEqual([
      expect.stringMatching(
        /^registry: Licence\.id — @key\(fields: "id"\) uses a ID field\. ID keys are for hub-internal types only, and Licence is declared by registry, licences\./,
      ),
      expect.stringMatching(/^licences: Licence\.id — @key\(fields: "id"\) uses a ID field\./),
    ]);
  });

  it('reports a composition error with the subgraph it comes from', () => {
    const broken = licencesSdl.replace('kind: String!', 'kind: Int!');
    const registryLicence = `${registrySdl}
      "A licence."
      type Licence @key(fields: "id") @classification(level: PUBLIC) @shareable {
        "Number." id: ID! @shareable
        "Kind." kind: String! @shareable
      }`;
    const findings = findingsOf(
      composable('registry', 4101, registryLicence),
      composable('licences', 4102, broken),
    );
    expect(findings).toContainEqual(
      expect.stringMatching(
        /^registry, licences: Licence\.kind — composition error FIELD_TYPE_MISMATCH: Type of field "Licence\.kind" is incompatible across subgraphs/,
      ),
    );
  });

  it('reports every violation of every rule in one run', () => {
    const sdl = registrySdl
      .replace('"Full name."\n', '')
      .replace('@classification(level: PERSONAL)\n    @updateFrequency', '@updateFrequency')
      .replace('ALIVE', 'Alive');
    const findings = checkStandards(
      composeDepartments([composable('registry', 4101, sdl)]),
    ).findings;
    expect(findings.map((f) => `${f.rule} ${f.coordinate}`)).toEqual([
      'description Citizen.name',
      'classification Citizen.nationalId',
      'classification Citizen.name',
      'classification Citizen.status',
      'naming CitizenStatus.Alive',
    ]);
  });
});

describe('breaking changes against the published supergraph', () => {
  const published = composeDepartments([registry, licences]).supergraphSdl;
  const withoutName = composeDepartments([
    composable('registry', 4101, registrySdl.replace('"Full name."\n    name: String!\n', '')),
    licences,
  ]);

  it('reports a removed field, blaming the subgraph that owned it', () => {
    expect(
      checkStandards(withoutName, { previousSupergraphSdl: published }).findings.map(formatFinding),
    ).toEqual([
      'registry: Citizen.name — breaking change FIELD_REMOVED: Citizen.name was removed. Agencies\' queries may stop working: restore it, or accept it with --accept-breaking or an entry {"type": "FIELD_REMOVED", "description": "Citizen.name was removed.", "reason": "..."} in gateway/accepted-changes.json.',
    ]);
  });

  it('accepts the removal with --accept-breaking, and reports it as accepted', () => {
    const report = checkStandards(withoutName, {
      previousSupergraphSdl: published,
      acceptBreaking: true,
    });
    expect(report.findings).toEqual([]);
    expect(report.acceptedBreakingChanges.map((f) => f.coordinate)).toEqual(['Citizen.name']);
  });

  it('accepts exactly the changes listed in accepted-changes.json and names unused entries', () => {
    const accepted = {
      type: 'FIELD_REMOVED',
      description: 'Citizen.name was removed.',
      reason: 'GG-1',
    };
    const stale = { type: 'TYPE_REMOVED', description: 'Permit was removed.', reason: 'GG-0' };
    const report = checkStandards(withoutName, {
      previousSupergraphSdl: published,
      acceptedChanges: [accepted, stale],
    });
    expect(report.findings).toEqual([]);
    expect(report.acceptedBreakingChanges[0]?.message).toBe(
      'breaking change FIELD_REMOVED accepted: Citizen.name was removed. (GG-1)',
    );
    expect(report.unusedAcceptances).toEqual([stale]);
  });

  it('treats an added field as safe', () => {
    const added = composeDepartments([
      composable(
        'registry',
        4101,
        registrySdl.replace('name: String!', 'name: String!\n"Alias." alias: String'),
      ),
      licences,
    ]);
    expect(checkStandards(added, { previousSupergraphSdl: published }).findings).toEqual([]);
  });
});
