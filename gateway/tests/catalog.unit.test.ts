import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classificationIndex } from '../src/access/classificationIndex.js';
import {
  buildCatalog,
  type Catalog,
  type CatalogField,
  DEFAULT_CATALOG_CACHE,
} from '../src/catalog/buildCatalog.js';
import { renderCatalogMarkdown } from '../src/catalog/renderCatalogMarkdown.js';

// The committed supergraph: the catalog of the real departments, not of a fixture.
const SUPERGRAPH = readFileSync(
  fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
  'utf8',
);
const catalog = buildCatalog(SUPERGRAPH);

function field(of: Catalog, coordinate: string): CatalogField {
  const [type, name] = coordinate.split('.');
  const found = of.types.find((t) => t.name === type)?.fields.find((f) => f.name === name);
  if (!found) throw new Error(`${coordinate} is not in the catalog`);
  return found;
}

describe('the catalog built from the committed supergraph', () => {
  it('lists every API type and none of federation’s join__/link__ internals', () => {
    const names = catalog.types.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Person', 'LegalEntity', 'Query', 'Mutation']));
    expect(names.filter((n) => /^(join__|link__)/.test(n))).toEqual([]);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(catalog.departments).toEqual([
      'approvals',
      'complaints',
      'housing',
      'market',
      'population',
      'social',
      'statistics',
      'tax',
      'tracker',
    ]);
  });

  it('shows a PERSONAL field with its level, owner, legal basis, frequency, cache and arguments', () => {
    expect(field(catalog, 'Query.person')).toEqual({
      coordinate: 'Query.person',
      name: 'person',
      type: 'Person',
      arguments: [
        {
          name: 'nationalId',
          type: 'NationalId!',
          description: "The person's 18-character resident identity number.",
          defaultValue: null,
        },
      ],
      description: expect.any(String),
      departments: ['population'],
      classification: 'PERSONAL',
      updateFrequency: null,
      legalBasis: null,
      // Person's hint is 300 s, held to the 30 s ceiling of personal data.
      cacheSeconds: 30,
    });
    const gender = field(catalog, 'Person.gender');
    expect(gender.classification).toBe('PERSONAL'); // the type's level: no level of its own
    expect(gender.departments).toEqual(['population']);
    expect(gender.updateFrequency).toBe('DAILY');
    expect(gender.legalBasis).toBe(
      'Regulations of the PRC on Household Registration, art. 3; Resident Identity Card Law, art. 3',
    );
  });

  it("resolves the level as the access policy does: the field's own, else its type's", () => {
    expect(field(catalog, 'PersonTaxProfile.arrears').classification).toBe('SENSITIVE');
    expect(field(catalog, 'PersonTaxYear.declaredIncome').classification).toBe('SENSITIVE');
    expect(field(catalog, 'PersonTaxYear.year').classification).toBe('PERSONAL');
    expect(field(catalog, 'EnterpriseTaxProfile.creditRating').classification).toBe('CONFIDENTIAL');
    const index = classificationIndex(SUPERGRAPH, 'CONFIDENTIAL');
    for (const type of catalog.types) {
      if (type.kind !== 'OBJECT' && type.kind !== 'INTERFACE') continue;
      for (const f of type.fields)
        expect(f.classification, f.coordinate).toBe(index.levelOf(f.coordinate));
    }
  });

  it("names every department that owns an entity's field: the key by all, the others by one", () => {
    const person = catalog.types.find((t) => t.name === 'Person');
    expect(person?.departments).toEqual([
      'approvals',
      'complaints',
      'housing',
      'market',
      'population',
      'social',
      'tax',
      'tracker',
    ]);
    expect(field(catalog, 'Person.nationalId').departments).toEqual(person?.departments);
    expect(field(catalog, 'Person.applications').departments).toEqual(['approvals']);
    expect(field(catalog, 'Person.taxProfile').departments).toEqual(['tax']);
    expect(field(catalog, 'Person.socialInsurance').departments).toEqual(['social']);
  });

  it('gives the cache lifetime the gateway applies (docs/caching.md)', () => {
    // PUBLIC with its type's hint of 600 s.
    expect(field(catalog, 'AbnormalOperationListing.reason').cacheSeconds).toBe(600);
    // `maxAge: 0` is never cached, and neither are mutations.
    expect(field(catalog, 'Person.accessLog').cacheSeconds).toBe(0);
    const mutation = catalog.types.find((t) => t.name === 'Mutation');
    expect(mutation?.fields.length).toBeGreaterThan(0);
    for (const f of mutation?.fields ?? []) expect(f.cacheSeconds, f.coordinate).toBe(0);
    // The gateway's own settings, when given, replace the documented defaults.
    const longer = buildCatalog(SUPERGRAPH, { defaultTtlSeconds: 5, personalMaxTtlSeconds: 120 });
    expect(field(longer, 'Query.person').cacheSeconds).toBe(120);
    expect(DEFAULT_CATALOG_CACHE).toEqual({ defaultTtlSeconds: 60, personalMaxTtlSeconds: 30 });
  });

  it('reads the standards directives under the names the supergraph imports them as', () => {
    const sdl = `
      schema
        @link(url: "https://specs.apollo.dev/link/v1.0")
        @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION)
        @link(url: "https://specs.govgraph.gov.example/standards/v1.0", import: [{ name: "@classification", as: "@level" }, { name: "@legalBasis", as: "@law" }, "@updateFrequency"])
      { query: Query }
      directive @level(level: ClassificationLevel!) on OBJECT | FIELD_DEFINITION
      directive @law(reference: String!) on OBJECT | FIELD_DEFINITION
      directive @legalBasis(reference: String!) on OBJECT | FIELD_DEFINITION
      enum ClassificationLevel { PUBLIC PERSONAL }
      enum join__Graph { PEOPLE @join__graph(name: "people", url: "http://x") }
      type Query @join__type(graph: PEOPLE) @level(level: PUBLIC) @law(reference: "Act 1") {
        "Who."
        who: String @level(level: PERSONAL) @legalBasis(reference: "not the import")
      }
    `;
    const who = field(buildCatalog(sdl), 'Query.who');
    expect(who).toMatchObject({
      classification: 'PERSONAL',
      legalBasis: 'Act 1',
      departments: ['people'],
      description: 'Who.',
    });
  });
});

describe('docs/catalog.md', () => {
  const markdown = renderCatalogMarkdown(catalog, DEFAULT_CATALOG_CACHE);

  it('has a section per department with a table per type of the fields it owns', () => {
    const population = markdown.slice(markdown.indexOf('\n## population\n'));
    const person = population.slice(population.indexOf('### Person (object)'));
    const table = person.slice(0, person.indexOf('\n### '));
    expect(table).toContain('| `gender` | `Gender!` | PERSONAL | daily | 30 s | as the type |');
    expect(table).not.toContain('`applications');
    const approvals = markdown.slice(
      markdown.indexOf('\n## approvals\n'),
      markdown.indexOf('\n## complaints\n'),
    );
    expect(approvals).toContain('`applications(first: Int = 20, after: String)`');
    expect(markdown).not.toMatch(/join__|link__/);
  });

  it('is committed as `npm run catalog` renders it (npm run check:generated diffs it in CI)', () => {
    const committed = readFileSync(
      fileURLToPath(new URL('../../docs/catalog.md', import.meta.url)),
      'utf8',
    );
    expect(committed).toBe(markdown);
  });
});
