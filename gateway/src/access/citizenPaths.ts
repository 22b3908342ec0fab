import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ClassificationIndex } from './classificationIndex.js';
import {
  declaredVariables,
  type NationalIdSource,
  nationalIdSources,
  nationalIdValues,
} from './nationalIdSources.js';
import type { Denial } from './policy.js';

/** A record that is the caller's own when every national ID its root field names is theirs. */
export interface CandidateRecord {
  /** The root field's `NationalId` arguments (however deep in input objects and lists). */
  sources: readonly NationalIdSource[];
  /** The coordinates read inside it: the root field's and those nested under it. */
  coordinates: readonly string[];
}

/** Where each coordinate of an operation is read, as far as the document alone tells. */
export interface CitizenPaths {
  /** Coordinates read outside any record that could be the caller's own. */
  outside: readonly string[];
  records: readonly CandidateRecord[];
}

/** Where a walk stands: at the root, in a candidate record, or outside every record. */
interface Place {
  key: string;
  coordinates: Set<string>;
  sources?: readonly NationalIdSource[];
}

/**
 * Walks the operation as `collectOperation` does (every fragment, inline fragment, alias and
 * field under `@include`/`@skip`), tracking for each selection whether it may still be inside
 * the caller's own record: a root field naming a national ID opens a candidate record; a field
 * whose type is a data subject (or a union or interface that may be one, or a list of them)
 * leaves it, for another person's. Depends on the document and supergraph only.
 */
export function collectCitizenPaths(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  subjectTypes: ReadonlySet<string>,
): CitizenPaths {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const variables = declaredVariables(schema, operation);
  const root: Place = { key: 'root', coordinates: new Set() };
  const outside: Place = { key: 'outside', coordinates: new Set() };
  const records: Place[] = [];
  // A fragment walked again in the same place adds nothing: this also bounds nested spreads.
  const walked = new Set<string>();

  const leavesRecord = (field: FieldNode, parent: GraphQLCompositeType): boolean => {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return false;
    const definition = parent.getFields()[field.name.value];
    if (!definition) return false;
    const type = getNamedType(definition.type);
    if (subjectTypes.has(type.name)) return true;
    return (
      isAbstractType(type) && schema.getPossibleTypes(type).some((t) => subjectTypes.has(t.name))
    );
  };

  const placeOfRootField = (field: FieldNode, parent: GraphQLCompositeType): Place => {
    const definition = isObjectType(parent) ? parent.getFields()[field.name.value] : undefined;
    const sources = (field.arguments ?? []).flatMap((argument) => {
      const arg = definition?.args.find((a) => a.name === argument.name.value);
      const coordinate = `${parent.name}.${field.name.value}`;
      return arg ? nationalIdSources(argument.value, arg.type, coordinate, variables) : [];
    });
    if (sources.length === 0) return outside;
    const record: Place = { key: `record:${records.length}`, coordinates: new Set(), sources };
    records.push(record);
    return record;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, place: Place) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const key = `${place.key}\n${selection.name.value}`;
        if (!fragment || walked.has(key)) continue;
        walked.add(key);
        const type = schema.getType(fragment.typeCondition.name.value);
        if (isCompositeType(type)) walk(fragment.selectionSet, type, place);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition;
        const type = condition ? schema.getType(condition.name.value) : parent;
        if (isCompositeType(type)) walk(selection.selectionSet, type, place);
      } else {
        walkField(selection, parent, place);
      }
    }
  };

  const walkField = (field: FieldNode, parent: GraphQLCompositeType, place: Place) => {
    const name = field.name.value;
    if (name.startsWith('__')) return; // __typename is free; introspection is judged apart
    if (!isObjectType(parent) && !isInterfaceType(parent)) return;
    const definition = parent.getFields()[name];
    if (!definition) return;
    const here = place === root ? placeOfRootField(field, parent) : place;
    here.coordinates.add(`${parent.name}.${name}`);
    if (isInterfaceType(parent)) {
      for (const type of schema.getPossibleTypes(parent))
        here.coordinates.add(`${type.name}.${name}`);
    }
    const type = getNamedType(definition.type);
    if (!field.selectionSet || !isCompositeType(type)) return;
    const inner = place !== root && leavesRecord(field, parent) ? outside : here;
    walk(field.selectionSet, type, inner);
  };

  const rootType = schema.getRootType(operation.operation);
  if (rootType) walk(operation.selectionSet, rootType, root);
  return {
    outside: [...outside.coordinates].sort(),
    records: records.map((r) => ({ sources: r.sources ?? [], coordinates: [...r.coordinates] })),
  };
}

/** Levels a citizen reads only about themself. */
const PERSONAL_OR_STRONGER: ReadonlySet<string> = new Set([
  'PERSONAL',
  'SENSITIVE',
  'CONFIDENTIAL',
]);

/**
 * A citizen reads PERSONAL or stronger fields only inside their own record: a candidate record
 * is theirs when its root field names at least one national ID and every one is theirs (a
 * variable not sent counts with its default; null names nobody). Depends on the variables.
 */
export function judgeCitizenPaths(
  nationalId: string,
  paths: CitizenPaths,
  variables: Readonly<Record<string, unknown>>,
  index: ClassificationIndex,
): Denial[] {
  const strangers = new Set(paths.outside);
  for (const record of paths.records) {
    if (isOwnRecord(nationalId, record.sources, variables)) continue;
    for (const coordinate of record.coordinates) strangers.add(coordinate);
  }
  const denied: Denial[] = [];
  for (const coordinate of [...strangers].sort()) {
    const level = index.levelOf(coordinate);
    if (!PERSONAL_OR_STRONGER.has(level)) continue;
    denied.push({ coordinate, level, reason: 'a citizen reads only their own record' });
  }
  return denied;
}

function isOwnRecord(
  nationalId: string,
  sources: readonly NationalIdSource[],
  variables: Readonly<Record<string, unknown>>,
): boolean {
  return sources.every((source) => {
    const values = nationalIdValues(source, variables);
    return values.length > 0 && values.every((value) => value === nationalId);
  });
}
