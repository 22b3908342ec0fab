import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
  type ValueNode,
} from 'graphql';

/** The scalar whose arguments a citizen may only fill with their own national ID. */
export const NATIONAL_ID_SCALAR = 'NationalId';

/** Where a `NationalId` argument's value comes from: written in the query, or a variable. */
export type NationalIdSource =
  | { coordinate: string; kind: 'literal'; value: string }
  | { coordinate: string; kind: 'variable'; name: string; type: GraphQLInputType };

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
  const variableTypes = new Map<string, GraphQLInputType>();
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
        if (definition) findNationalIds(argument.value, definition.type, coordinate);
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type);
    }
  };

  const findNationalIds = (value: ValueNode, type: GraphQLInputType, coordinate: string) => {
    if (value.kind === Kind.VARIABLE) {
      const declared = variableTypes.get(value.name.value) ?? type;
      nationalIds.push({ coordinate, kind: 'variable', name: value.name.value, type: declared });
      return;
    }
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const items = value.kind === Kind.LIST ? value.values : [value];
      for (const item of items) findNationalIds(item, inner.ofType, coordinate);
    } else if (isScalarType(inner) && inner.name === NATIONAL_ID_SCALAR) {
      if (value.kind === Kind.STRING)
        nationalIds.push({ coordinate, kind: 'literal', value: value.value });
    } else if (isInputObjectType(inner) && value.kind === Kind.OBJECT) {
      const fields = inner.getFields();
      for (const field of value.fields) {
        const definition = fields[field.name.value];
        if (definition) findNationalIds(field.value, definition.type, coordinate);
      }
    }
  };

  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type)) variableTypes.set(definition.variable.name.value, type);
  }
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (root) walk(operation.selectionSet, root);
  return { coordinates: [...coordinates].sort(), introspection, nationalIds };
}
