import { SUBJECT_SCALARS } from '@govgraph/department';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInputObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  type ValueNode,
  valueFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { inputScalarValues } from '../access/inputScalarValues.js';

/**
 * The national IDs and credit codes an operation names in its arguments: literals, variables
 * (a variable the request leaves out counts with its default), and inside input objects and
 * lists (`fileComplaint(input: { complainantNationalId: … })`), found by argument type in the
 * API schema. Added to `into`. `scalars` narrows it to some identifier scalars.
 */
export function argumentSubjects(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  into: Set<string>,
  scalars: ReadonlySet<string> = SUBJECT_SCALARS,
): void {
  const sites = argumentSites(schema, document, operation, scalars);
  if (sites.length === 0) return;
  const values = withVariableDefaults(operation, variables);
  for (const { value: node, type } of sites) {
    const value = valueFromAST(node, type, values);
    for (const subject of inputScalarValues(value, type, scalars)) {
      if (typeof subject === 'string') into.add(subject);
    }
  }
}

/** An argument of the document and its type in the schema. */
interface ArgumentSite {
  value: ValueNode;
  type: GraphQLInputType;
}

/** An operation's arguments, and those whose type can hold each set of scalars. */
interface OperationSites {
  document: DocumentNode;
  all: readonly ArgumentSite[];
  byScalars: Map<string, readonly ArgumentSite[]>;
}

// Per schema (a reload brings a new one) and operation node (Apollo keeps one parsed document
// per query text): the arguments are found with TypeInfo once, not on every request.
const sitesBySchema = new WeakMap<
  GraphQLSchema,
  WeakMap<OperationDefinitionNode, OperationSites>
>();

/**
 * The arguments of the operation and of every fragment of the document, in document order,
 * whose type can hold one of `scalars` (the others never name a subject).
 */
function argumentSites(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  scalars: ReadonlySet<string>,
): readonly ArgumentSite[] {
  let byOperation = sitesBySchema.get(schema);
  if (!byOperation) {
    byOperation = new WeakMap();
    sitesBySchema.set(schema, byOperation);
  }
  let sites = byOperation.get(operation);
  if (!sites || sites.document !== document) {
    sites = { document, all: allArgumentSites(schema, document, operation), byScalars: new Map() };
    byOperation.set(operation, sites);
  }
  const key = [...scalars].sort().join('\n');
  let holding = sites.byScalars.get(key);
  if (!holding) {
    holding = sites.all.filter((site) => canHold(site.type, scalars, new Set()));
    sites.byScalars.set(key, holding);
  }
  return holding;
}

function allArgumentSites(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ArgumentSite[] {
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Argument(node) {
      const argument = typeInfo.getArgument();
      if (argument) sites.push({ value: node.value, type: argument.type });
    },
  });
  visit(operation, visitor);
  // Fragments of other operations in the document cannot be told apart cheaply; a subject
  // named only there would still be one the caller asked about.
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  return sites;
}

/** Whether a value of this type can hold one of the scalars (as `inputScalarValues` looks). */
function canHold(
  type: GraphQLInputType,
  scalars: ReadonlySet<string>,
  seen: Set<GraphQLInputObjectType>,
): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return scalars.has(named.name);
  if (!isInputObjectType(named) || seen.has(named)) return false;
  seen.add(named);
  return Object.values(named.getFields()).some((field) => canHold(field.type, scalars, seen));
}

/** The request's variables, and the operation's default for each one it leaves out. */
function withVariableDefaults(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!(name in values) && definition.defaultValue) {
      values[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return values;
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
