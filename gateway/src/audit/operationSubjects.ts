import { SUBJECT_SCALARS } from '@govgraph/schema/runtime';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * The national IDs and credit codes an operation names in its arguments: literals, variables,
 * and inside input objects and lists (`fileComplaint(input: { complainantNationalId: … })`),
 * found by argument type in the API schema. Added to `into`.
 */
export function argumentSubjects(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  into: Set<string>,
): void {
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Argument(node) {
      const argument = typeInfo.getArgument();
      if (!argument) return;
      addInput(valueFromAST(node.value, argument.type, variables), argument.type, into);
    },
  });
  visit(operation, visitor);
  // Fragments of other operations in the document cannot be told apart cheaply; a subject
  // named only there would still be one the caller asked about.
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
}

function addInput(value: unknown, type: GraphQLInputType, into: Set<string>): void {
  if (value === null || value === undefined) return;
  if (type instanceof GraphQLNonNull) {
    addInput(value, type.ofType, into);
  } else if (type instanceof GraphQLList) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) addInput(item, type.ofType, into);
  } else if (type instanceof GraphQLInputObjectType) {
    if (typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const field of Object.values(type.getFields())) {
      addInput(record[field.name], field.type, into);
    }
  } else if (type instanceof GraphQLScalarType && SUBJECT_SCALARS.has(type.name)) {
    if (typeof value === 'string') into.add(value);
  }
}

/**
 * The national IDs and credit codes in a response's data, found by walking the data along
 * the operation's selections (aliases, fragments, lists) with the field types of the API
 * schema. Added to `into`.
 */
export function dataSubjects(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: unknown,
  into: Set<string>,
): void {
  const root = schema.getRootType(operation.operation);
  if (!root || data === null || typeof data !== 'object') return;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  walk({ schema, fragments, into }, operation.selectionSet, root, data);
}

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  into: Set<string>;
}

type Parent = GraphQLObjectType | GraphQLInterfaceType | ReturnType<GraphQLSchema['getType']>;

function walk(w: Walk, selectionSet: SelectionSetNode, parent: Parent, data: unknown): void {
  if (data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const item of data) walk(w, selectionSet, parent, item);
    return;
  }
  const record = data as Record<string, unknown>;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!(parent instanceof GraphQLObjectType || parent instanceof GraphQLInterfaceType)) {
        continue;
      }
      const field = parent.getFields()[selection.name.value];
      if (!field) continue; // __typename and introspection meta-fields
      const value = record[selection.alias?.value ?? selection.name.value];
      const type = getNamedType(field.type);
      if (type instanceof GraphQLScalarType) {
        if (SUBJECT_SCALARS.has(type.name)) addStrings(value, w.into);
      } else if (selection.selectionSet && isCompositeType(type)) {
        walk(w, selection.selectionSet, type, value);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition
        ? w.schema.getType(selection.typeCondition.name.value)
        : parent;
      walk(w, selection.selectionSet, on, data);
    } else {
      const fragment = w.fragments.get(selection.name.value);
      if (fragment) {
        walk(w, fragment.selectionSet, w.schema.getType(fragment.typeCondition.name.value), data);
      }
    }
  }
}

function addStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) addStrings(item, into);
}
