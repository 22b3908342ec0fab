import {
  type ConstDirectiveNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeDepartments } from '../src/composeDepartments.js';
import { departments } from '../src/departments.js';
import { checkStandards } from '../src/standards/checkStandards.js';

const composition = composeDepartments(departments);
const document = parse(composition.supergraphSdl ?? '');
const typeNamed = (name: string) =>
  document.definitions.find(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name,
  );
const metadata = (directives: readonly ConstDirectiveNode[] | undefined) =>
  (directives ?? [])
    .filter((d) => ['classification', 'updateFrequency', 'legalBasis'].includes(d.name.value))
    .map((d) => print(d));
/** A field's own level, else its type's: what the gateway's policy will read. */
const effectiveLevel = (typeName: string, fieldName: string) => {
  const type = typeNamed(typeName);
  const field = type?.fields?.find((f) => f.name.value === fieldName);
  return [...metadata(field?.directives), ...metadata(type?.directives)].find((d) =>
    d.startsWith('@classification'),
  );
};

describe('the real departments composed', () => {
  it('compose without errors and pass the standards check', () => {
    expect(composition.errors).toEqual([]);
    expect(checkStandards(composition).findings).toEqual([]);
  });

  it('carry the population registry metadata into the supergraph', () => {
    expect(metadata(typeNamed('Person')?.directives)).toEqual([
      '@classification(level: PERSONAL)',
      '@updateFrequency(frequency: DAILY)',
      expect.stringMatching(
        /^@legalBasis\(reference: "Regulations of the PRC on Household Registration/,
      ),
    ]);
    expect(effectiveLevel('Person', 'name')).toBe('@classification(level: PERSONAL)');
    expect(effectiveLevel('Query', 'person')).toBe('@classification(level: PERSONAL)');
  });

  it('carry the business registry metadata, and field levels that override the type level', () => {
    expect(metadata(typeNamed('LegalEntity')?.directives)).toEqual([
      '@classification(level: PUBLIC)',
      '@updateFrequency(frequency: DAILY)',
      expect.stringMatching(
        /^@legalBasis\(reference: "Regulations on the Registration and Administration of Market Entities/,
      ),
    ]);
    expect(effectiveLevel('LegalEntity', 'name')).toBe('@classification(level: PUBLIC)');
    expect(effectiveLevel('LegalEntity', 'inspections')).toBe('@classification(level: INTERNAL)');
    // Added to Person by the business registry, classified there field by field.
    expect(effectiveLevel('Person', 'representedEntities')).toBe(
      '@classification(level: PERSONAL)',
    );
  });

  it('routes each department to its default port', () => {
    expect(composition.supergraphSdl).toContain(
      'POPULATION @join__graph(name: "population", url: "http://127.0.0.1:4001/graphql")',
    );
    expect(composition.supergraphSdl).toContain(
      'MARKET @join__graph(name: "market", url: "http://127.0.0.1:4002/graphql")',
    );
  });
});
