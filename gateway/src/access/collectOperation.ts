import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  declaredVariables,
  type NationalIdSource,
  nationalIdSources,
} from './nationalIdSources.js';

/** What the policy needs to know about one operation; depends on the document only. */
export interface OperationPlan {
  /** Every field coordinate selected, sorted (meta-fields excluded). */
  coordinates: readonly string[];
  /** True when the operation selects `__schema` or `__type`. */
  introspection: boolean;
  /** Every `NationalId` argument, however deep in an input object. */
  nationalIds: readonly NationalIdSource[];
}

/**
 * Walks the whole operation: its fields, every fragment it spreads (once each), inline
 * fragments and aliases (the coordinate is the field's, not the alias), nested entity fields
 * of other departments. Fields under `@include`/`@skip` are collected whatever the variables
 * say: a field written is a field checked, so the same text is judged the same way for every
 * set of variables and the verdict can be cached by document. A field selected through an
 * interface counts for the interface and for every type implementing it.
 */
export function collectOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const coordinates = new Set<string>();
  const nationalIds: NationalIdSource[] = [];
  const variables = declaredVariables(schema, operation);
  let introspection = false;
  const walkedFragments = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || walkedFragments.has(name)) continue;
        walkedFragments.add(name);
        const type = schema.getType(fragment.typeCondition.name.value);
        if (isCompositeType(type)) walk(fragment.selectionSet, type);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (isCompositeType(type)) walk(selection.selectionSet, type);
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      if (name === '__schema' || name === '__type') {
        introspection = true;
        continue;
      }
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[name];
      if (!field) continue;
      const coordinate = `${parent.name}.${name}`;
      coordinates.add(coordinate);
      if (isInterfaceType(parent)) {
        for (const type of schema.getPossibleTypes(parent)) coordinates.add(`${type.name}.${name}`);
      }
      for (const argument of selection.arguments ?? []) {
        const definition = field.args.find((a) => a.name === argument.name.value);
        if (!definition) continue;
        nationalIds.push(
          ...nationalIdSources(argument.value, definition.type, coordinate, variables),
        );
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type);
    }
  };

  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root);
  return { coordinates: [...coordinates].sort(), introspection, nationalIds };
}
