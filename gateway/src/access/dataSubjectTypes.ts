import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  Kind,
  parse,
  type TypeNode,
} from 'graphql';
import { NATIONAL_ID_SCALAR } from './nationalIdSources.js';

/**
 * The types whose objects are natural persons — data subjects — read from a composed
 * supergraph: the entities some subgraph keys (`@join__type(key: …)`) by a `NationalId` field.
 * Derived, not listed, so a department that adds a person-like entity keyed by national ID is
 * covered on the next composition. Entities keyed by a credit code are companies: not personal
 * data subjects themselves.
 */
export function dataSubjectTypes(supergraphSdl: string): ReadonlySet<string> {
  const document = parse(supergraphSdl, { noLocation: true });
  const fieldTypes = new Map<string, Map<string, string>>();
  const keys = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (!isEntityDefinition(definition)) continue;
    const type = definition.name.value;
    const fields = fieldTypes.get(type) ?? new Map<string, string>();
    for (const field of definition.fields ?? [])
      fields.set(field.name.value, namedType(field.type));
    fieldTypes.set(type, fields);
    keys.set(type, [...(keys.get(type) ?? []), ...joinKeys(definition.directives ?? [])]);
  }
  const subjects = new Set<string>();
  for (const [type, typeKeys] of keys) {
    const fields = fieldTypes.get(type);
    const keyedByNationalId = typeKeys.some((key) =>
      keyFields(key).some((field) => fields?.get(field) === NATIONAL_ID_SCALAR),
    );
    if (keyedByNationalId) subjects.add(type);
  }
  return subjects;
}

type EntityDefinition = DefinitionNode & {
  name: { value: string };
  directives?: readonly ConstDirectiveNode[];
  fields?: readonly FieldDefinitionNode[];
};

function isEntityDefinition(definition: DefinitionNode): definition is EntityDefinition {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}

function joinKeys(directives: readonly ConstDirectiveNode[]): string[] {
  const keys: string[] = [];
  for (const directive of directives) {
    if (directive.name.value !== 'join__type') continue;
    const key = directive.arguments?.find((a) => a.name.value === 'key')?.value;
    if (key?.kind === Kind.STRING) keys.push(key.value);
  }
  return keys;
}

/** The top-level fields of a key's field set (`"nationalId"`, `"id owner { id }"`). */
function keyFields(key: string): string[] {
  try {
    const [operation] = parse(`{ ${key} }`, { noLocation: true }).definitions;
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    return operation.selectionSet.selections.flatMap((s) =>
      s.kind === Kind.FIELD ? [s.name.value] : [],
    );
  } catch {
    return []; // composition checked the key; an unreadable one names no NationalId field
  }
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
