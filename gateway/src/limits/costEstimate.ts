import {
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  valueFromASTUntyped,
} from 'graphql';
import type { CostDirectives, ListSize } from './costDirectives.js';
import { introspectionListSizes } from './introspectionSizes.js';

/** What the cost of one operation is computed from. */
export interface CostInput {
  /** The API schema the operation was validated against. */
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The request's variables as sent; defaults are taken from the operation. */
  variables: Readonly<Record<string, unknown>> | undefined;
  directives: CostDirectives;
  /** Length assumed for a list without `@listSize` (introspection excepted). @default 100 */
  defaultListSize?: number;
}

/** A mutation's base cost (a query's is 0), as in Apollo Router's demand control. */
export const MUTATION_COST = 10;
export const DEFAULT_LIST_SIZE = 100;

/** The per-operation view shared by the estimate and the actual cost. */
export interface CostScope {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>>;
  directives: CostDirectives;
  defaultListSize: number;
  introspection: ReadonlyMap<string, number>;
}

type Sizes = ReadonlyMap<string, number> | undefined;

/**
 * The estimated cost of an operation before it runs (docs/limits.md, "Demand control (cost)"):
 * the IBM GraphQL cost model as Apollo Router applies it. An object, interface or union costs 1,
 * a scalar or enum 0, unless `@cost(weight:)` on the field or its type says otherwise; a list
 * multiplies its items' cost by its size (the slicing argument's value — literal, variable,
 * variable default or argument default — else `assumedSize`); `sizedFields` pass that size to a
 * connection's `nodes`; a mutation adds 10. Every selection counts, so an aliased field costs
 * once per alias; fragments are expanded; an abstract type costs as its most expensive member;
 * `@skip`/`@include` are resolved from the variables, and counted when they cannot be.
 */
export function estimateCost(input: CostInput): number {
  const scope = costScope(input);
  const root = rootType(input.schema, input.operation);
  const base = input.operation.operation === 'mutation' ? MUTATION_COST : 0;
  if (!root) return base;
  const memo = new Map<string, number>();
  return base + selectionCost(scope, memo, root, input.operation.selectionSet, undefined);
}

export function costScope(input: CostInput): CostScope {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return {
    schema: input.schema,
    fragments,
    variables: withDefaults(input.operation, input.variables),
    directives: input.directives,
    defaultListSize: input.defaultListSize ?? DEFAULT_LIST_SIZE,
    introspection: introspectionListSizes(input.schema),
  };
}

export function rootType(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLObjectType | undefined {
  if (operation.operation === 'mutation') return schema.getMutationType() ?? undefined;
  if (operation.operation === 'subscription') return schema.getSubscriptionType() ?? undefined;
  return schema.getQueryType() ?? undefined;
}

/** The request's variables over the operation's defaults: what every cost reads them from. */
export function withDefaults(
  operation: OperationDefinitionNode,
  sent: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return { ...variables, ...sent };
}

// Memoized per (type, selection set, sizes), so a fragment spread many times is costed once.
function selectionCost(
  scope: CostScope,
  memo: Map<string, number>,
  type: GraphQLCompositeType,
  set: SelectionSetNode,
  sizes: Sizes,
): number {
  if (!isAbstractType(type)) return objectCost(scope, memo, type, set, sizes);
  let most = 0;
  for (const member of scope.schema.getPossibleTypes(type)) {
    most = Math.max(most, objectCost(scope, memo, member, set, sizes));
  }
  return most;
}

const setIds = new WeakMap<SelectionSetNode, number>();
let nextSetId = 0;

function memoKey(type: GraphQLObjectType, set: SelectionSetNode, sizes: Sizes): string {
  let id = setIds.get(set);
  if (id === undefined) {
    id = nextSetId++;
    setIds.set(set, id);
  }
  return `${id} ${type.name} ${sizes ? [...sizes].join() : ''}`;
}

function objectCost(
  scope: CostScope,
  memo: Map<string, number>,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  sizes: Sizes,
): number {
  const key = memoKey(type, set, sizes);
  const known = memo.get(key);
  if (known !== undefined) return known;
  let cost = 0;
  for (const selection of set.selections) {
    if (!included(scope, selection.directives)) continue;
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(scope, memo, type, selection, sizes);
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection
        : scope.fragments.get(selection.name.value);
    if (fragment && applies(scope, type, fragment.typeCondition?.name.value)) {
      cost += objectCost(scope, memo, type, fragment.selectionSet, sizes);
    }
  }
  memo.set(key, cost);
  return cost;
}

function fieldCost(
  scope: CostScope,
  memo: Map<string, number>,
  parent: GraphQLObjectType,
  node: FieldNode,
  sizes: Sizes,
): number {
  const field = fieldDefinition(scope.schema, parent, node.name.value);
  if (!field) return 0;
  const coordinate = `${parent.name}.${field.name}`;
  const listSize = scope.directives.listSizes.get(coordinate);
  const named = getNamedType(field.type);
  const children =
    node.selectionSet && isCompositeType(named)
      ? selectionCost(
          scope,
          memo,
          named,
          node.selectionSet,
          sizedFields(scope, listSize, field, node),
        )
      : 0;
  const items = isList(field.type)
    ? (sizes?.get(field.name) ?? listLength(scope, coordinate, listSize, field, node))
    : 1;
  return (
    items * (typeWeight(scope, coordinate, field) + children) +
    argumentsWeight(scope, coordinate, node)
  );
}

/** The field a selection names, meta-fields included; undefined for `__typename` (costs 0). */
export function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLObjectType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema' && parent === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === '__type' && parent === schema.getQueryType()) return TypeMetaFieldDef;
  return parent.getFields()[name];
}

/** `@cost` of the field, else of its type, else 1 for a composite type and 0 for a leaf. */
export function typeWeight(
  scope: CostScope,
  coordinate: string,
  field: GraphQLField<unknown, unknown>,
): number {
  const named = getNamedType(field.type);
  const weights = scope.directives.weights;
  return weights.get(coordinate) ?? weights.get(named.name) ?? (isCompositeType(named) ? 1 : 0);
}

export function argumentsWeight(scope: CostScope, coordinate: string, node: FieldNode): number {
  let weight = 0;
  for (const argument of node.arguments ?? []) {
    weight += scope.directives.weights.get(`${coordinate}(${argument.name.value}:)`) ?? 0;
  }
  return weight;
}

export function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function sizedFields(
  scope: CostScope,
  listSize: ListSize | undefined,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): Sizes {
  if (!listSize || listSize.sizedFields.length === 0) return undefined;
  const size = listLength(scope, '', listSize, field, node);
  return new Map(listSize.sizedFields.map((name) => [name, size]));
}

/** The largest slicing argument given (or defaulted), else `assumedSize`, else the default. */
function listLength(
  scope: CostScope,
  coordinate: string,
  listSize: ListSize | undefined,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  let sliced: number | undefined;
  for (const name of listSize?.slicingArguments ?? []) {
    const value = argumentValue(scope, field, node, name);
    if (value !== undefined) sliced = Math.max(sliced ?? 0, value);
  }
  return (
    sliced ?? listSize?.assumedSize ?? scope.introspection.get(coordinate) ?? scope.defaultListSize
  );
}

function argumentValue(
  scope: CostScope,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  name: string,
): number | undefined {
  const given = node.arguments?.find((a) => a.name.value === name)?.value;
  let value: unknown = field.args.find((a) => a.name === name)?.defaultValue;
  if (given?.kind === Kind.VARIABLE) {
    const sent = scope.variables[given.name.value];
    if (sent !== undefined && sent !== null) value = sent;
  } else if (given) {
    value = valueFromASTUntyped(given, scope.variables);
  }
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.ceil(value))
    : undefined;
}

/** False only when `@skip`/`@include` certainly leave the selection out. */
export function included(
  scope: CostScope,
  directives: readonly DirectiveNode[] | undefined,
): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    const value = condition ? valueFromASTUntyped(condition, scope.variables) : undefined;
    if (typeof value !== 'boolean') continue;
    if ((name === 'skip') === value) return false;
  }
  return true;
}

/** Whether a fragment with this type condition applies to an object of `type`. */
export function applies(scope: CostScope, type: GraphQLObjectType, condition?: string): boolean {
  if (!condition || condition === type.name) return true;
  const target = scope.schema.getType(condition);
  return Boolean(target && isAbstractType(target) && scope.schema.isSubType(target, type));
}
