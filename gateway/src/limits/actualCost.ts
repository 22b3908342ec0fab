import {
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import {
  applies,
  argumentsWeight,
  type CostInput,
  type CostScope,
  costScope,
  fieldDefinition,
  included,
  MUTATION_COST,
  rootType,
  typeWeight,
} from './costEstimate.js';

type Data = Readonly<Record<string, unknown>>;

/** One response key of an object: the field it answers and every selection merged into it. */
interface Collected {
  owner: GraphQLCompositeType;
  nodes: FieldNode[];
}

/**
 * The cost of an answer actually sent, by the estimate's model (`estimateCost`) applied to the
 * data: each list counts the items it holds, a null or absent field costs nothing, and
 * selections the executor merged into one response key count once. So for the same operation
 * the estimate is never below it as long as no list is longer than its `@listSize` says.
 */
export function actualCost(
  input: CostInput & { data: Data | null | undefined },
  memo: PriceMemo = new Map(),
): number {
  const scope = costScope(input);
  const base = input.operation.operation === 'mutation' ? MUTATION_COST : 0;
  const root = rootType(input.schema, input.operation);
  if (!root || !input.data) return base;
  return base + objectActual(scope, root, rootSets(input.operation.selectionSet), input.data, memo);
}

// The root's selection sets as one array per operation, so a memo kept across requests finds them.
const roots = new WeakMap<SelectionSetNode, readonly SelectionSetNode[]>();

function rootSets(set: SelectionSetNode): readonly SelectionSetNode[] {
  let sets = roots.get(set);
  if (!sets) {
    sets = [set];
    roots.set(set, sets);
  }
  return sets;
}

/** One response key of an object, priced once: everything about it but the value it holds. */
interface PricedKey {
  key: string;
  /** What its arguments weigh (`@cost` on arguments), counted once per object holding it. */
  argumentsCost: number;
  /** What each value (each item, for a list) weighs. */
  weight: number;
  /** The object type its values are, and the selections that apply to them; none for leaves. */
  child: GraphQLCompositeType | undefined;
  childSets: readonly SelectionSetNode[];
}

/**
 * Priced keys by selection sets (the array's identity: each key's `childSets` is built once)
 * and by the type they are collected on. A list of 100 people collects and prices its
 * selections once, not 100 times: the walk's cost grows with the data, not data × selections.
 * What it holds depends on the schema, the cost directives, the document and the `@skip` /
 * `@include` conditions only, never on the data: a memo may serve every request that shares
 * those (`costFigures`); a new memo (the default) is always right.
 */
export type PriceMemo = Map<
  readonly SelectionSetNode[],
  Map<GraphQLCompositeType, readonly PricedKey[]>
>;

function objectActual(
  scope: CostScope,
  type: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  value: Data,
  memo: PriceMemo,
): number {
  let cost = 0;
  for (const priced of pricedKeys(scope, type, sets, value, memo)) {
    cost += priced.argumentsCost + valueActual(scope, priced, value[priced.key], memo);
  }
  return cost;
}

function pricedKeys(
  scope: CostScope,
  type: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  value: Data,
  memo: PriceMemo,
): readonly PricedKey[] {
  const concrete = concreteType(scope, type, value);
  // The fields collected depend only on the sets and on this owner: the concrete type, or the
  // abstract type itself when the answer does not say which member it is.
  const owner = concrete ?? type;
  let byOwner = memo.get(sets);
  if (!byOwner) {
    byOwner = new Map();
    memo.set(sets, byOwner);
  }
  const known = byOwner.get(owner);
  if (known) return known;
  const fields = new Map<string, Collected>();
  for (const set of sets) collect(scope, owner, concrete, set, fields);
  const priced: PricedKey[] = [];
  for (const [key, { owner: declaring, nodes }] of fields) {
    const [node] = nodes;
    if (!node) continue;
    const field = definitionOn(scope, declaring, node.name.value);
    if (!field) continue;
    const coordinate = `${declaring.name}.${field.name}`;
    const named = getNamedType(field.type);
    priced.push({
      key,
      argumentsCost: argumentsWeight(scope, coordinate, node),
      weight: typeWeight(scope, coordinate, field),
      child: isCompositeType(named) ? named : undefined,
      childSets: nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])),
    });
  }
  byOwner.set(owner, priced);
  return priced;
}

function definitionOn(
  scope: CostScope,
  owner: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(owner)) return fieldDefinition(scope.schema, owner, name);
  if (isAbstractType(owner) && 'getFields' in owner) return owner.getFields()[name];
  return undefined;
}

function valueActual(scope: CostScope, priced: PricedKey, value: unknown, memo: PriceMemo): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) {
    let sum = 0;
    for (const item of value) sum += valueActual(scope, priced, item, memo);
    return sum;
  }
  if (!priced.child || typeof value !== 'object') return priced.weight;
  return priced.weight + objectActual(scope, priced.child, priced.childSets, value as Data, memo);
}

function concreteType(
  scope: CostScope,
  type: GraphQLCompositeType,
  value: Data,
): GraphQLObjectType | undefined {
  if (isObjectType(type)) return type;
  const named =
    typeof value.__typename === 'string' ? scope.schema.getType(value.__typename) : null;
  return isObjectType(named) ? named : undefined;
}

// Like graphql-js's collectFields; when an abstract type's member is unknown (no __typename in
// the answer), every fragment is followed and only keys present in the answer count.
function collect(
  scope: CostScope,
  owner: GraphQLCompositeType,
  concrete: GraphQLObjectType | undefined,
  set: SelectionSetNode,
  fields: Map<string, Collected>,
): void {
  for (const selection of set.selections) {
    if (!included(scope, selection.directives)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const known = fields.get(key);
      if (known) known.nodes.push(selection);
      else fields.set(key, { owner, nodes: [selection] });
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection
        : scope.fragments.get(selection.name.value);
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    const target = condition ? scope.schema.getType(condition) : owner;
    if (!target || !isCompositeType(target)) continue;
    if (concrete && !applies(scope, concrete, condition)) continue;
    collect(scope, concrete ?? target, concrete, fragment.selectionSet, fields);
  }
}
