import { CLASSIFICATION_LEVELS, type ClassificationLevel } from '@govgraph/hub';
import { type ConstDirectiveNode, Kind, parse, type TypeNode } from 'graphql';

/**
 * What the supergraph says about caching, read once per supergraph load: `@cacheControl`
 * and `@classification` per type and field, the return type of every field, and the key
 * field of every entity type (from `@join__type(key:)`).
 */
export interface CacheHints {
  typeMaxAge: ReadonlyMap<string, number>;
  /** By coordinate, `Person.applications`. */
  fieldMaxAge: ReadonlyMap<string, number>;
  typeLevel: ReadonlyMap<string, ClassificationLevel>;
  fieldLevel: ReadonlyMap<string, ClassificationLevel>;
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
  const typeLevel = new Map<string, ClassificationLevel>();
  const fieldLevel = new Map<string, ClassificationLevel>();
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
    readHints(definition.directives ?? [], type, typeMaxAge, typeLevel);
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = stringArgument(directive, 'key');
      if (key && /^\w+$/.test(key) && !keyField.has(type)) keyField.set(type, key);
    }
    if (definition.kind === Kind.UNION_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      returnType.set(coordinate, namedType(field.type));
      readHints(field.directives ?? [], coordinate, fieldMaxAge, fieldLevel);
    }
  }
  return { typeMaxAge, fieldMaxAge, typeLevel, fieldLevel, returnType, composite, keyField };
}

/** Hints of an empty graph (before the first supergraph load): nothing is cacheable by hint. */
export const NO_HINTS: CacheHints = cacheHintsFromSupergraph('scalar _Empty');

function readHints(
  directives: readonly ConstDirectiveNode[],
  name: string,
  maxAges: Map<string, number>,
  levels: Map<string, ClassificationLevel>,
): void {
  for (const directive of directives) {
    if (directive.name.value === 'cacheControl') {
      const arg = directive.arguments?.find((a) => a.name.value === 'maxAge');
      if (arg?.value.kind === Kind.INT) {
        const maxAge = Number(arg.value.value);
        maxAges.set(name, Math.min(maxAge, maxAges.get(name) ?? maxAge));
      }
    } else if (directive.name.value === 'classification') {
      const arg = directive.arguments?.find((a) => a.name.value === 'level');
      const level = arg?.value.kind === Kind.ENUM ? arg.value.value : undefined;
      if (isLevel(level)) levels.set(name, stricter(level, levels.get(name)));
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

function isLevel(value: string | undefined): value is ClassificationLevel {
  return (CLASSIFICATION_LEVELS as readonly (string | undefined)[]).includes(value);
}

/** The stricter of two levels. */
export function stricter(
  a: ClassificationLevel,
  b: ClassificationLevel | undefined,
): ClassificationLevel {
  if (!b) return a;
  return CLASSIFICATION_LEVELS.indexOf(a) >= CLASSIFICATION_LEVELS.indexOf(b) ? a : b;
}

/** True for PERSONAL, SENSITIVE and CONFIDENTIAL: encrypted, and under the short ceiling. */
export function isPersonal(level: ClassificationLevel): boolean {
  return CLASSIFICATION_LEVELS.indexOf(level) >= CLASSIFICATION_LEVELS.indexOf('PERSONAL');
}
