import { CLASSIFICATION_LEVELS, type ClassificationLevel } from '@govgraph/governance';
import { type ConstDirectiveNode, Kind, parse, type TypeNode } from 'graphql';
import { type ClassificationIndex, classificationIndex } from '../access/classificationIndex.js';

/**
 * What the supergraph says about caching, read once per supergraph load: `@cacheControl` per
 * type and field, every field's `@classification` level (the access policy's index), the return
 * type of every field, and the key field of every entity type (from `@join__type(key:)`).
 */
export interface CacheHints {
  typeMaxAge: ReadonlyMap<string, number>;
  /** By coordinate, `Person.applications`. */
  fieldMaxAge: ReadonlyMap<string, number>;
  /** Every field's level, read as the access policy reads it; unknown counts as PERSONAL. */
  levels: ClassificationIndex;
  /** Named return type of every field, by coordinate. */
  returnType: ReadonlyMap<string, string>;
  /** Object, interface and union types: fields returning them take their type's hint. */
  composite: ReadonlySet<string>;
  /** The single key field of each entity type (`Person` → `nationalId`). */
  keyField: ReadonlyMap<string, string>;
}

/** Reads the hints from a composed supergraph's SDL. */
export function cacheHintsFromSupergraph(sdl: string): CacheHints {
  const typeMaxAge = new Map<string, number>();
  const fieldMaxAge = new Map<string, number>();
  const returnType = new Map<string, string>();
  const composite = new Set<string>();
  const keyField = new Map<string, string>();
  for (const definition of parse(sdl, { noLocation: true }).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.UNION_TYPE_DEFINITION
    ) {
      continue;
    }
    const type = definition.name.value;
    composite.add(type);
    readMaxAge(definition.directives ?? [], type, typeMaxAge);
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = stringArgument(directive, 'key');
      if (key && /^\w+$/.test(key) && !keyField.has(type)) keyField.set(type, key);
    }
    if (definition.kind === Kind.UNION_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      returnType.set(coordinate, namedType(field.type));
      readMaxAge(field.directives ?? [], coordinate, fieldMaxAge);
    }
  }
  const levels = classificationIndex(sdl, 'PERSONAL');
  return { typeMaxAge, fieldMaxAge, levels, returnType, composite, keyField };
}

/** Hints of an empty graph (before the first supergraph load): nothing is cacheable by hint. */
export const NO_HINTS: CacheHints = cacheHintsFromSupergraph('scalar _Empty');

function readMaxAge(
  directives: readonly ConstDirectiveNode[],
  name: string,
  maxAges: Map<string, number>,
): void {
  for (const directive of directives) {
    if (directive.name.value !== 'cacheControl') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'maxAge');
    if (arg?.value.kind === Kind.INT) {
      const maxAge = Number(arg.value.value);
      maxAges.set(name, Math.min(maxAge, maxAges.get(name) ?? maxAge));
    }
  }
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** True for PERSONAL, SENSITIVE and CONFIDENTIAL: encrypted, and under the short ceiling. */
export function isPersonal(level: ClassificationLevel): boolean {
  return CLASSIFICATION_LEVELS.indexOf(level) >= CLASSIFICATION_LEVELS.indexOf('PERSONAL');
}
