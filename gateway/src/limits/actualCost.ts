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
export function actualCost(input: CostInput & { data: Data | null | undefined }): number {
  const scope = costScope(input);
  const base = input.operation.operation === 'mutation' ? MUTATION_COST : 0;
  const root = rootType(input.schema, input.operation);
  if (!root || !input.data) return base;
  return base + objectActual(scope, root, [input.operation.selectionSet], input.data);
}

function objectActual(
  scope: CostScope,
  type: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  value: Data,
): number {
  const concrete = concreteType(scope, type, value);
  const fields = new Map<string, Collected>();
  for (const set of sets) collect(scope, concrete ?? type, concrete, set, fields);
  let cost = 0;
  for (const [key, { owner, nodes }] of fields) {
    const [node] = nodes;
    if (!node) continue;
    const field = definitionOn(scope, owner, node.name.value);
    if (!field) continue;
    const coordinate = `${owner.name}.${field.name}`;
    cost += argumentsWeight(scope, coordinate, node);
    cost += valueActual(scope, coordinate, field, nodes, value[key]);
  }
  return cost;
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

function valueActual(
  scope: CostScope,
  coordinate: string,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  value: unknown,
): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) {
    let sum = 0;
    for (const item of value) sum += valueActual(scope, coordinate, field, nodes, item);
    return sum;
  }
  const weight = typeWeight(scope, coordinate, field);
  const named = getNamedType(field.type);
  if (!isCompositeType(named) || typeof value !== 'object') return weight;
  const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  return weight + objectActual(scope, named, sets, value as Data);
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
