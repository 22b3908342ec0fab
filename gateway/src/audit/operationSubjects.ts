import { SUBJECT_SCALARS } from '@govgraph/department';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
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
  walk({ schema, plan: dataPlan(schema, document), into }, operation.selectionSet, root, data);
}

type Parent = GraphQLObjectType | GraphQLInterfaceType | ReturnType<GraphQLSchema['getType']>;

/** What the walk does for one selection of a set, on an object of one parent type. */
type Step =
  /** The key holds subject identifiers (a subject scalar, or a list of them). */
  | { kind: 'subjects'; key: string }
  /** The key holds an object (or a list of them) to walk with the field's selections. */
  | { kind: 'field'; key: string; set: SelectionSetNode; type: GraphQLCompositeType }
  /** A fragment: its selections walk the same object. */
  | { kind: 'fragment'; set: SelectionSetNode; on: Parent };

/** A document's steps, worked out as the data reaches each selection set and parent type. */
interface DataPlan {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  steps: Map<SelectionSetNode, Map<Parent, readonly Step[]>>;
}

// Per schema and document (Apollo keeps one per query text): each selection set's fields are
// looked up once, not once per item of every list in every answer.
const plansBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DataPlan>>();

function dataPlan(schema: GraphQLSchema, document: DocumentNode): DataPlan {
  let byDocument = plansBySchema.get(schema);
  if (!byDocument) {
    byDocument = new WeakMap();
    plansBySchema.set(schema, byDocument);
  }
  let plan = byDocument.get(document);
  if (!plan) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    plan = { fragments, steps: new Map() };
    byDocument.set(document, plan);
  }
  return plan;
}

interface Walk {
  schema: GraphQLSchema;
  plan: DataPlan;
  into: Set<string>;
}

function walk(w: Walk, selectionSet: SelectionSetNode, parent: Parent, data: unknown): void {
  if (data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const item of data) walk(w, selectionSet, parent, item);
    return;
  }
  const record = data as Record<string, unknown>;
  for (const step of stepsOf(w, selectionSet, parent)) {
    if (step.kind === 'subjects') addStrings(record[step.key], w.into);
    else if (step.kind === 'field') walk(w, step.set, step.type, record[step.key]);
    else walk(w, step.set, step.on, data);
  }
}

function stepsOf(w: Walk, selectionSet: SelectionSetNode, parent: Parent): readonly Step[] {
  let byParent = w.plan.steps.get(selectionSet);
  if (!byParent) {
    byParent = new Map();
    w.plan.steps.set(selectionSet, byParent);
  }
  let steps = byParent.get(parent);
  if (!steps) {
    steps = selectionSteps(w, selectionSet, parent);
    byParent.set(parent, steps);
  }
  return steps;
}

function selectionSteps(w: Walk, selectionSet: SelectionSetNode, parent: Parent): Step[] {
  const steps: Step[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!(parent instanceof GraphQLObjectType || parent instanceof GraphQLInterfaceType)) {
        continue;
      }
      const field = parent.getFields()[selection.name.value];
      if (!field) continue; // __typename and introspection meta-fields
      const key = selection.alias?.value ?? selection.name.value;
      const type = getNamedType(field.type);
      if (type instanceof GraphQLScalarType) {
        if (SUBJECT_SCALARS.has(type.name)) steps.push({ kind: 'subjects', key });
      } else if (selection.selectionSet && isCompositeType(type)) {
        steps.push({ kind: 'field', key, set: selection.selectionSet, type });
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition
        ? w.schema.getType(selection.typeCondition.name.value)
        : parent;
      steps.push({ kind: 'fragment', set: selection.selectionSet, on });
    } else {
      const fragment = w.plan.fragments.get(selection.name.value);
      if (fragment) {
        const on = w.schema.getType(fragment.typeCondition.name.value);
        steps.push({ kind: 'fragment', set: fragment.selectionSet, on });
      }
    }
  }
  return steps;
}

function addStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) addStrings(item, into);
}
