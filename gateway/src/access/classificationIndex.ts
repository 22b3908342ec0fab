import { CLASSIFICATION_LEVELS, type ClassificationLevel } from '@govgraph/governance';
import { type ConstDirectiveNode, Kind, parse } from 'graphql';

/** The classification of every field coordinate of a supergraph. */
export interface ClassificationIndex {
  /** The field's level: its own `@classification`, else its type's, else `unclassified`. */
  levelOf(coordinate: string): ClassificationLevel;
  /** Every coordinate with a level of its own or through its type (object and interface fields). */
  readonly coordinates: ReadonlyMap<string, ClassificationLevel>;
}

/** The standards spec a supergraph `@link`s to; the directive may be imported under another name. */
const STANDARDS_URL = /\/standards\/v\d+(\.\d+)?$/;

/**
 * Reads `@classification` from a composed supergraph's SDL. The directive's name is taken from
 * the supergraph's `@link(url: ".../standards/v1.0", import: [...])` (an import may rename it).
 * A field's own level wins; otherwise its type's. Composition keeps one type-level value per
 * type even when subgraphs differ, and the supergraph cannot say which subgraph it came from,
 * so when a type carries several the strictest applies.
 */
export function classificationIndex(
  supergraphSdl: string,
  unclassified: ClassificationLevel,
): ClassificationIndex {
  const document = parse(supergraphSdl, { noLocation: true });
  const directiveName = classificationDirectiveName(document.definitions);
  const typeLevel = new Map<string, ClassificationLevel>();
  const fieldLevel = new Map<string, ClassificationLevel | undefined>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const type = definition.name.value;
    const own = levelIn(definition.directives ?? [], directiveName);
    if (own) typeLevel.set(type, strictest(own, typeLevel.get(type)));
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      const level = levelIn(field.directives ?? [], directiveName);
      fieldLevel.set(coordinate, level ? strictest(level, fieldLevel.get(coordinate)) : undefined);
    }
  }
  const coordinates = new Map<string, ClassificationLevel>();
  for (const [coordinate, level] of fieldLevel) {
    const type = coordinate.slice(0, coordinate.indexOf('.'));
    coordinates.set(coordinate, level ?? typeLevel.get(type) ?? unclassified);
  }
  return {
    coordinates,
    levelOf: (coordinate) => coordinates.get(coordinate) ?? unclassified,
  };
}

function classificationDirectiveName(definitions: readonly { kind: Kind }[]): string {
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) {
      continue;
    }
    const directives = (definition as { directives?: readonly ConstDirectiveNode[] }).directives;
    for (const link of directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = link.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !STANDARDS_URL.test(url.value)) continue;
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind === Kind.STRING && item.value === '@classification') return 'classification';
        if (item.kind === Kind.OBJECT) {
          const name = item.fields.find((f) => f.name.value === 'name')?.value;
          const as = item.fields.find((f) => f.name.value === 'as')?.value;
          if (name?.kind === Kind.STRING && name.value === '@classification') {
            return as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : 'classification';
          }
        }
      }
    }
  }
  // Not imported: the directive keeps its namespaced name (`standards__classification`) or,
  // in supergraphs composed without @link, its plain one.
  return 'classification';
}

function levelIn(
  directives: readonly ConstDirectiveNode[],
  name: string,
): ClassificationLevel | undefined {
  let found: ClassificationLevel | undefined;
  for (const directive of directives) {
    if (directive.name.value !== name) continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'level')?.value;
    if (arg?.kind === Kind.ENUM && isLevel(arg.value)) found = strictest(arg.value, found);
  }
  return found;
}

function isLevel(value: string): value is ClassificationLevel {
  return (CLASSIFICATION_LEVELS as readonly string[]).includes(value);
}

/** The stricter of two levels (CLASSIFICATION_LEVELS is ordered lowest first). */
export function strictest(
  a: ClassificationLevel,
  b: ClassificationLevel | undefined,
): ClassificationLevel {
  if (!b) return a;
  return CLASSIFICATION_LEVELS.indexOf(a) >= CLASSIFICATION_LEVELS.indexOf(b) ? a : b;
}
