import { CLASSIFICATION_LEVELS, type ClassificationLevel } from '@govgraph/governance';
import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  parse,
  print,
  type TypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { classificationIndex, strictest } from '../access/classificationIndex.js';
import {
  directiveMaxAge,
  directiveText,
  graphNamesOf,
  joinGraphs,
  standardsDirectiveNames,
} from './catalogDirectives.js';

/** One argument of a field. */
export interface CatalogArgument {
  name: string;
  /** As written in SDL: `Int`, `NationalId!`, `[String!]`. */
  type: string;
  description: string | null;
  /** The default in GraphQL syntax (`20`), or null. */
  defaultValue: string | null;
}

/** What the standards directives say about a type or field. */
export interface CatalogMetadata {
  description: string | null;
  /** Departments (supergraph names) that own it. */
  departments: string[];
  /** Effective level (own, else the type's); null where the standards attach none (inputs, enums). */
  classification: ClassificationLevel | null;
  updateFrequency: string | null;
  legalBasis: string | null;
  /**
   * Seconds the gateway's caches keep it (docs/caching.md): the field's own `@cacheControl`
   * maxAge, else its return type's (object fields), else its type's, else the default TTL;
   * PERSONAL and stricter capped at the personal ceiling; 0 for mutations (never cached).
   * Null for input and enum types.
   */
  cacheSeconds: number | null;
}

export interface CatalogField extends CatalogMetadata {
  /** `Type.field`, as grants name it. */
  coordinate: string;
  name: string;
  type: string;
  arguments: CatalogArgument[];
}

export type CatalogTypeKind = 'OBJECT' | 'INTERFACE' | 'UNION' | 'INPUT_OBJECT' | 'ENUM' | 'SCALAR';

export interface CatalogType extends CatalogMetadata {
  name: string;
  kind: CatalogTypeKind;
  /** Object, interface and input fields. */
  fields: CatalogField[];
  /** Enum values, union members, implemented interfaces. */
  members: string[];
}

export interface Catalog {
  /** Every department of the supergraph (`join__Graph`), by name. */
  departments: string[];
  /** Every type of the API schema, by name. */
  types: CatalogType[];
}

/** The cache settings the lifetimes are worked out with (docs/caching.md defaults). */
export interface CatalogCacheSettings {
  defaultTtlSeconds: number;
  personalMaxTtlSeconds: number;
}

export const DEFAULT_CATALOG_CACHE: CatalogCacheSettings = {
  defaultTtlSeconds: 60,
  personalMaxTtlSeconds: 30,
};

/** Levels whose cache lifetime is held under the personal ceiling. */
const PERSONAL_LEVELS: ReadonlySet<string> = new Set(['PERSONAL', 'SENSITIVE', 'CONFIDENTIAL']);

/** Federation's own types (and the standards directives' argument types) are not the API's. */
const INTERNAL_TYPE = /^(join__|link__)/;
const DIRECTIVE_ONLY_TYPES = new Set(['CacheControlScope']);

type Definition = TypeDefinitionNode;

/** What every type's metadata is resolved with. */
interface Context {
  names: Map<string, string>;
  graphs: Map<string, string>;
  levels: ReturnType<typeof classificationIndex>;
  definitions: Map<string, Definition>;
  cache: CatalogCacheSettings;
  mutationType: string;
}

/**
 * The catalog of a composed supergraph's SDL: every API type and field with its departments,
 * classification (as the access policy resolves it), update frequency, legal basis, cache
 * lifetime, description and arguments. Sorted by name, so the output is stable.
 */
export function buildCatalog(
  supergraphSdl: string,
  cache: CatalogCacheSettings = DEFAULT_CATALOG_CACHE,
): Catalog {
  const document = parse(supergraphSdl, { noLocation: true });
  const definitions = new Map<string, Definition>();
  for (const definition of document.definitions) {
    if (isTypeDefinition(definition) && isApiType(definition.name.value)) {
      definitions.set(definition.name.value, definition);
    }
  }
  const context: Context = {
    names: standardsDirectiveNames(document),
    graphs: graphNamesOf(document),
    levels: classificationIndex(supergraphSdl, 'CONFIDENTIAL'),
    definitions,
    cache,
    mutationType: rootTypeName(document, 'mutation') ?? 'Mutation',
  };
  const types = [...definitions.values()]
    .map((definition) => catalogType(definition, context))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { departments: [...new Set(context.graphs.values())].sort(), types };
}

function isTypeDefinition(
  definition: DocumentNode['definitions'][number],
): definition is Definition {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.UNION_TYPE_DEFINITION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION ||
    definition.kind === Kind.SCALAR_TYPE_DEFINITION
  );
}

function isApiType(name: string): boolean {
  return !INTERNAL_TYPE.test(name) && !DIRECTIVE_ONLY_TYPES.has(name);
}

function rootTypeName(document: DocumentNode, operation: 'mutation'): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    return definition.operationTypes.find((t) => t.operation === operation)?.type.name.value;
  }
  return undefined;
}

function catalogType(definition: Definition, context: Context): CatalogType {
  const name = definition.name.value;
  const directives = definition.directives;
  const departments = joinGraphs(directives, 'join__type', context.graphs);
  const composite =
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION;
  const base: CatalogType = {
    name,
    kind: kindOf(definition),
    description: definition.description?.value ?? null,
    departments,
    classification: composite ? typeLevel(directives, context) : null,
    updateFrequency: directiveText(directives, context.names.get('updateFrequency'), 'frequency'),
    legalBasis: directiveText(directives, context.names.get('legalBasis'), 'reference'),
    cacheSeconds: null,
    fields: [],
    members: membersOf(definition),
  };
  if (composite) {
    base.cacheSeconds = lifetime(typeMaxAge(name, context), base.classification, context.cache);
    base.fields = (definition.fields ?? []).map((field) => objectField(field, base, context));
  } else if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
    base.cacheSeconds = lifetime(typeMaxAge(name, context), null, context.cache);
  } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
    base.fields = (definition.fields ?? []).map((field) => inputField(field, base, context));
  }
  return base;
}

function kindOf(definition: Definition): CatalogTypeKind {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
      return 'OBJECT';
    case Kind.INTERFACE_TYPE_DEFINITION:
      return 'INTERFACE';
    case Kind.UNION_TYPE_DEFINITION:
      return 'UNION';
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return 'INPUT_OBJECT';
    case Kind.ENUM_TYPE_DEFINITION:
      return 'ENUM';
    default:
      return 'SCALAR';
  }
}

function membersOf(definition: Definition): string[] {
  switch (definition.kind) {
    case Kind.ENUM_TYPE_DEFINITION:
      return (definition.values ?? []).map((v) => v.name.value);
    case Kind.UNION_TYPE_DEFINITION:
      return (definition.types ?? []).map((t) => t.name.value);
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION:
      return (definition.interfaces ?? []).map((t) => t.name.value);
    default:
      return [];
  }
}

// A type's level is the one its fields default to; the index knows fields only, so a type's
// own directive is read here the same way (the strictest when several are given).
function typeLevel(
  directives: readonly ConstDirectiveNode[] | undefined,
  context: Context,
): ClassificationLevel | null {
  const name = context.names.get('classification');
  let level: ClassificationLevel | null = null;
  for (const directive of directives ?? []) {
    const own = directiveText([directive], name, 'level');
    const known = CLASSIFICATION_LEVELS.find((l) => l === own);
    if (known) level = strictest(known, level ?? undefined);
  }
  return level;
}

function typeMaxAge(type: string, context: Context): number | null {
  return directiveMaxAge(
    context.definitions.get(type)?.directives,
    context.names.get('cacheControl'),
  );
}

function objectField(
  field: FieldDefinitionNode,
  owner: CatalogType,
  context: Context,
): CatalogField {
  const coordinate = `${owner.name}.${field.name.value}`;
  const own = joinGraphs(field.directives, 'join__field', context.graphs);
  const classification = context.levels.levelOf(coordinate);
  const returns = namedType(field.type);
  const returnsComposite = isComposite(context.definitions.get(returns));
  const hint =
    directiveMaxAge(field.directives, context.names.get('cacheControl')) ??
    (returnsComposite ? typeMaxAge(returns, context) : typeMaxAge(owner.name, context));
  return {
    coordinate,
    name: field.name.value,
    type: print(field.type),
    arguments: (field.arguments ?? []).map(catalogArgument),
    description: field.description?.value ?? null,
    departments: own.length > 0 ? own : owner.departments,
    classification,
    updateFrequency:
      directiveText(field.directives, context.names.get('updateFrequency'), 'frequency') ??
      owner.updateFrequency,
    legalBasis:
      directiveText(field.directives, context.names.get('legalBasis'), 'reference') ??
      owner.legalBasis,
    cacheSeconds:
      owner.name === context.mutationType ? 0 : lifetime(hint, classification, context.cache),
  };
}

function inputField(
  field: InputValueDefinitionNode,
  owner: CatalogType,
  context: Context,
): CatalogField {
  const own = joinGraphs(field.directives, 'join__field', context.graphs);
  return {
    coordinate: `${owner.name}.${field.name.value}`,
    name: field.name.value,
    type: print(field.type),
    arguments: [],
    description: field.description?.value ?? null,
    departments: own.length > 0 ? own : owner.departments,
    classification: null,
    updateFrequency: null,
    legalBasis: null,
    cacheSeconds: null,
  };
}

function catalogArgument(arg: InputValueDefinitionNode): CatalogArgument {
  return {
    name: arg.name.value,
    type: print(arg.type),
    description: arg.description?.value ?? null,
    defaultValue: arg.defaultValue ? print(arg.defaultValue) : null,
  };
}

function isComposite(definition: Definition | undefined): boolean {
  return (
    definition?.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition?.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition?.kind === Kind.UNION_TYPE_DEFINITION
  );
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function lifetime(
  hint: number | null,
  level: ClassificationLevel | null,
  cache: CatalogCacheSettings,
): number {
  const seconds = hint ?? cache.defaultTtlSeconds;
  return level && PERSONAL_LEVELS.has(level)
    ? Math.min(seconds, cache.personalMaxTtlSeconds)
    : seconds;
}
