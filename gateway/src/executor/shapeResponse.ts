import {
  type CompositeType,
  type EnumType,
  ERRORS,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  type NamedType,
  type Operation,
  type ScalarType,
  type Schema,
  type SelectionSet,
  type Type,
  typenameFieldName,
  Variable,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

// The last step of executing a plan: from the merged department answers (every field the plan
// fetched, keys and `__typename`s included) to the answer the operation asked for. It does what
// @apollo/gateway 2.14's `computeResponse` (resultShaping.js) does — the same walk, the same null
// bubbling, the same errors word for word — but over a form of the operation compiled once per
// query plan, so no request rebuilds Apollo's `Operation` or looks up its directives and field
// definitions again. gateway/tests/leanExecutor*.test.ts hold the two to the same answers.

/** A `@skip`/`@include` argument: a literal, or the name of the variable that holds it. */
type IfArgument = boolean | string;

interface ShapeField {
  kind: 'field';
  responseName: string;
  type: Type;
  selections: ShapeSelection[] | undefined;
  skip: IfArgument | undefined;
  include: IfArgument | undefined;
}

interface ShapeTypename {
  kind: 'typename';
  responseName: string;
  skip: IfArgument | undefined;
  include: IfArgument | undefined;
}

interface ShapeFragment {
  kind: 'fragment';
  typeCondition: CompositeType | undefined;
  selections: ShapeSelection[];
  skip: IfArgument | undefined;
  include: IfArgument | undefined;
}

type ShapeSelection = ShapeField | ShapeTypename | ShapeFragment;

/** An operation ready to shape answers; built once per query plan. */
export interface CompiledShape {
  readonly schema: Schema;
  readonly rootType: CompositeType;
  readonly selections: ShapeSelection[];
  /** The defaults of the operation's variables, under the request's own values. */
  readonly defaultedVariables: Record<string, unknown>;
  /** The variables `@skip`/`@include` read: each must hold a boolean (checked before any fetch). */
  readonly conditionVariables: readonly string[];
  /** `isSubtype(condition, type)` by condition and type name, filled as answers meet types. */
  readonly subtypes: Map<CompositeType, Map<string, boolean>>;
}

/** Thrown when the operation holds what the lean executor leaves to Apollo's. */
export class UnsupportedOperation extends Error {}

export function compileShape(operation: Operation): CompiledShape {
  const schema = operation.schema();
  const rootType = schema.schemaDefinition.rootType(operation.rootKind);
  if (!rootType) throw new UnsupportedOperation(`no ${operation.rootKind} root type`);
  const conditionVariables = new Set<string>();
  const skipDirective = schema.skipDirective();
  const includeDirective = schema.includeDirective();

  const ifArgument = (
    element: { appliedDirectivesOf(d: typeof skipDirective): { arguments(): { if: unknown } }[] },
    directive: typeof skipDirective,
  ): IfArgument | undefined => {
    const applied = element.appliedDirectivesOf(directive)[0];
    if (!applied) return undefined;
    const value = applied.arguments().if;
    if (value instanceof Variable) {
      conditionVariables.add(value.name);
      return value.name;
    }
    if (typeof value !== 'boolean') throw new UnsupportedOperation('non-boolean @skip/@include');
    return value;
  };

  const compile = (selectionSet: SelectionSet): ShapeSelection[] =>
    selectionSet.selections().map((selection): ShapeSelection => {
      const element = selection.element;
      const skip = ifArgument(element, skipDirective);
      const include = ifArgument(element, includeDirective);
      if (selection.kind === 'FieldSelection') {
        const field = selection.element;
        if (field.definition.isSchemaIntrospectionField()) {
          throw new UnsupportedOperation('schema introspection');
        }
        if (field.name === typenameFieldName) {
          return { kind: 'typename', responseName: field.responseName(), skip, include };
        }
        return {
          kind: 'field',
          responseName: field.responseName(),
          type: field.definition.type as Type,
          selections: selection.selectionSet ? compile(selection.selectionSet) : undefined,
          skip,
          include,
        };
      }
      return {
        kind: 'fragment',
        typeCondition: selection.element.typeCondition,
        selections: compile(selection.selectionSet),
        skip,
        include,
      };
    });

  return {
    schema,
    rootType,
    selections: compile(operation.selectionSet),
    defaultedVariables: operation.collectDefaultedVariableValues(),
    conditionVariables: [...conditionVariables],
    subtypes: new Map(),
  };
}

/** True when each of these variables holds a boolean, given or defaulted, as Apollo asserts. */
export function conditionsAreBoolean(
  variables: Readonly<Record<string, unknown>>,
  names: readonly string[],
): boolean {
  return names.every((name) => typeof variables[name] === 'boolean');
}

/** The request's variables over the operation's defaults: what conditions and shaping read. */
export function withDefaults(
  shape: CompiledShape,
  sent: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  return { __proto__: null, ...shape.defaultedVariables, ...sent };
}

interface Run {
  shape: CompiledShape;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  /** INVALID and HAS_ERRORS of the value updateOutputValue returned last. */
  flags: number;
}

const OK = 0;
const NULL_BUBBLE_UP = 1;

/** `variables`: the request's over the operation's defaults (`withDefaults`). */
export function shapeResponse(
  shape: CompiledShape,
  variables: Record<string, unknown>,
  input: Record<string, unknown> | null | undefined,
): { data: Record<string, unknown> | null | undefined; errors: GraphQLError[] } {
  if (!input) return { data: input, errors: [] };
  const run: Run = {
    shape,
    variables,
    errors: [],
    flags: 0,
  };
  const data: Record<string, unknown> = Object.create(null);
  const result = applySelections(run, input, shape.selections, data, [], shape.rootType);
  return { data: result === NULL_BUBBLE_UP ? null : data, errors: run.errors };
}

function skipped(run: Run, selection: ShapeSelection): boolean {
  const { skip, include } = selection;
  if (skip !== undefined && (typeof skip === 'boolean' ? skip : run.variables[skip] === true)) {
    return true;
  }
  if (
    include !== undefined &&
    !(typeof include === 'boolean' ? include : run.variables[include] === true)
  ) {
    return true;
  }
  return false;
}

function applies(
  run: Run,
  typeCondition: CompositeType | undefined,
  typename: string | undefined,
  parentType: CompositeType,
): boolean {
  if (!typeCondition) return true;
  const name = typename ?? parentType.name;
  let byType = run.shape.subtypes.get(typeCondition);
  if (!byType) {
    byType = new Map();
    run.shape.subtypes.set(typeCondition, byType);
  }
  let result = byType.get(name);
  if (result === undefined) {
    if (typename) {
      const type = run.shape.schema.type(typename);
      result = !!type && isSubtype(typeCondition, type);
    } else {
      result = isSubtype(typeCondition, parentType);
    }
    byType.set(name, result);
  }
  return result;
}

function applySelections(
  run: Run,
  input: Record<string, unknown>,
  selections: readonly ShapeSelection[],
  output: Record<string, unknown>,
  path: (string | number)[],
  parentType: CompositeType,
): number {
  for (const selection of selections) {
    if (
      (selection.skip !== undefined || selection.include !== undefined) &&
      skipped(run, selection)
    ) {
      continue;
    }
    if (selection.kind === 'field') {
      const { responseName } = selection;
      const outputValue = output[responseName];
      const inputValue = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
      path.push(responseName);
      const updated = updateOutputValue(
        run,
        outputValue,
        selection.type,
        inputValue,
        selection.selections,
        path,
        parentType,
      );
      output[responseName] = updated;
      path.pop();
      if (run.flags & INVALID) return NULL_BUBBLE_UP;
    } else if (selection.kind === 'typename') {
      const { responseName } = selection;
      if (output[responseName] !== undefined) continue;
      let inputValue = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
      if (inputValue === null && responseName !== typenameFieldName) {
        inputValue = input[typenameFieldName] ?? null;
      }
      const type: NamedType =
        typeof inputValue === 'string'
          ? (run.shape.schema.type(inputValue) ?? parentType)
          : parentType;
      if (!isObjectType(type)) return NULL_BUBBLE_UP;
      output[responseName] = type.name;
    } else {
      const typename = input[typenameFieldName];
      if (typename !== undefined && typename !== null && typeof typename !== 'string') {
        throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
      }
      if (applies(run, selection.typeCondition, typename || undefined, parentType)) {
        const result = applySelections(
          run,
          input,
          selection.selections,
          output,
          path,
          selection.typeCondition ?? parentType,
        );
        if (result === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
      }
    }
  }
  return OK;
}

function describeLast(path: (string | number)[], currentType: Type, parentType: CompositeType) {
  const element = path[path.length - 1];
  return typeof element === 'string'
    ? `field ${parentType}.${element}`
    : `array element of type ${currentType} at index ${element}`;
}

// What the last updateOutputValue learned, besides the value it returned: Apollo returns
// `{ updated, isInvalid, hasErrors }` per value; one number on the run saves an object per value.
const INVALID = 1;
const HAS_ERRORS = 2;

function updateOutputValue(
  run: Run,
  outputValue: unknown,
  type: Type,
  inputValue: unknown,
  selections: readonly ShapeSelection[] | undefined,
  path: (string | number)[],
  parentType: CompositeType,
): unknown {
  run.flags = 0;
  if (outputValue === null || (outputValue !== undefined && !selections)) return outputValue;
  if (isNonNullType(type)) {
    const updated = updateOutputValue(
      run,
      outputValue,
      type.ofType,
      inputValue,
      selections,
      path,
      parentType,
    );
    if (updated === null) {
      if (!(run.flags & HAS_ERRORS)) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(
            `Cannot return null for non-nullable ${describeLast(path, type.ofType, parentType)}.`,
            { path: Array.from(path) },
          ),
        );
      }
      run.flags = INVALID | HAS_ERRORS;
      return updated;
    }
    run.flags = 0;
    return updated;
  }
  if (inputValue === null) return null;
  if (isListType(type)) {
    if (!Array.isArray(inputValue)) {
      throw new Error(
        `Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`,
      );
    }
    if (outputValue !== undefined && !Array.isArray(outputValue)) {
      throw new Error(
        `Invalid non-list value ${outputValue} returned by subgraph for list type ${type}`,
      );
    }
    const outputList: unknown[] | undefined = outputValue as unknown[] | undefined;
    if (outputList && inputValue.length !== outputList.length) {
      throw new Error(
        `[${inputValue}].length (${inputValue.length}) !== [${outputList}].length (${outputList.length})`,
      );
    }
    let shouldNullify = false;
    let hasErrors = false;
    const updated = new Array<unknown>(inputValue.length);
    for (let index = 0; index < inputValue.length; index++) {
      path.push(index);
      updated[index] = updateOutputValue(
        run,
        outputList?.[index],
        type.ofType,
        inputValue[index],
        selections,
        path,
        parentType,
      );
      path.pop();
      shouldNullify ||= (run.flags & INVALID) !== 0;
      hasErrors ||= (run.flags & HAS_ERRORS) !== 0;
    }
    run.flags = hasErrors ? HAS_ERRORS : 0;
    return shouldNullify ? null : updated;
  }
  if (isCompositeType(type)) {
    if (!selections) throw new Error(`Invalid empty selection set for composite type ${type}`);
    if (typeof inputValue !== 'object') {
      throw new Error(
        `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`,
      );
    }
    if (outputValue !== undefined && typeof outputValue !== 'object') {
      throw new Error(
        `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`,
      );
    }
    const input = inputValue as Record<string, unknown>;
    const inputTypename = input[typenameFieldName];
    if (inputTypename !== undefined && typeof inputTypename !== 'string') {
      throw new Error(`Invalid non-string value ${inputTypename} for __typename at ${path}`);
    }
    let objectType: CompositeType = type;
    if (inputTypename) {
      const typenameType = run.shape.schema.type(inputTypename);
      if (!typenameType || !isCompositeType(typenameType)) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(
            `Invalid __typename found for object at ${describeLast(path, type, parentType)}.`,
            { path: Array.from(path) },
          ),
        );
        run.flags = HAS_ERRORS;
        return null;
      }
      objectType = typenameType;
    }
    const outputObject =
      outputValue === undefined
        ? (Object.create(null) as Record<string, unknown>)
        : (outputValue as Record<string, unknown>);
    const result = applySelections(run, input, selections, outputObject, path, objectType);
    const hasErrors = result === NULL_BUBBLE_UP;
    run.flags = hasErrors ? HAS_ERRORS : 0;
    return hasErrors ? null : outputObject;
  }
  if (outputValue !== undefined) {
    throw new Error(`Excepted output to be undefined but got ${type} for type ${type}`);
  }
  // Leaf types only here: output types are never input objects.
  const valid = isValidLeafValue(run.shape.schema, inputValue, type as ScalarType | EnumType);
  if (!valid) {
    run.errors.push(
      ERRORS.INVALID_GRAPHQL.err(
        `Invalid value found for ${describeLast(path, type, parentType)}.`,
        {
          path: Array.from(path),
        },
      ),
    );
    run.flags = HAS_ERRORS;
    return null;
  }
  return inputValue;
}
