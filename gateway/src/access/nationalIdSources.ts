import {
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  typeFromAST,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import { canonicalScalarValue, inputScalarValues } from './inputScalarValues.js';

/** The scalar whose arguments a citizen may only fill with their own national ID. */
export const NATIONAL_ID_SCALAR = 'NationalId';

const NATIONAL_ID: ReadonlySet<string> = new Set([NATIONAL_ID_SCALAR]);

/**
 * Where a `NationalId` argument's value comes from: written in the query, or a variable (with
 * the default its definition gives, which applies when the request does not send it).
 */
export type NationalIdSource =
  | { coordinate: string; kind: 'literal'; value: string }
  | {
      coordinate: string;
      kind: 'variable';
      name: string;
      type: GraphQLInputType;
      defaultValue: unknown;
    };

/** A variable as the operation declares it. */
export interface DeclaredVariable {
  type: GraphQLInputType;
  /** The written default, as a plain value; undefined when there is none. */
  defaultValue: unknown;
}

/** The operation's variable definitions, by name. */
export function declaredVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): Map<string, DeclaredVariable> {
  const declared = new Map<string, DeclaredVariable>();
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue;
    const defaultValue = definition.defaultValue
      ? valueFromASTUntyped(definition.defaultValue)
      : undefined;
    declared.set(definition.variable.name.value, { type, defaultValue });
  }
  return declared;
}

/** Every `NationalId` in an argument's value, however deep in input objects and lists. */
export function nationalIdSources(
  value: ValueNode,
  type: GraphQLInputType,
  coordinate: string,
  variables: ReadonlyMap<string, DeclaredVariable>,
): NationalIdSource[] {
  if (value.kind === Kind.VARIABLE) {
    // A variable where no national ID can be (a credit code, a description) names nobody.
    if (!mayHoldNationalId(type)) return [];
    const name = value.name.value;
    const declared = variables.get(name);
    return [
      {
        coordinate,
        kind: 'variable',
        name,
        type: declared?.type ?? type,
        defaultValue: declared?.defaultValue,
      },
    ];
  }
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = value.kind === Kind.LIST ? value.values : [value];
    return items.flatMap((item) => nationalIdSources(item, inner.ofType, coordinate, variables));
  }
  if (isScalarType(inner) && inner.name === NATIONAL_ID_SCALAR) {
    if (value.kind !== Kind.STRING) return [];
    const canonical = String(canonicalScalarValue(NATIONAL_ID_SCALAR, value.value));
    return [{ coordinate, kind: 'literal', value: canonical }];
  }
  if (isInputObjectType(inner) && value.kind === Kind.OBJECT) {
    const fields = inner.getFields();
    return value.fields.flatMap((field) => {
      const definition = fields[field.name.value];
      return definition
        ? nationalIdSources(field.value, definition.type, coordinate, variables)
        : [];
    });
  }
  return [];
}

/** True when a value of this input type can carry a `NationalId`, however deep. */
export function mayHoldNationalId(
  type: GraphQLInputType,
  seen: Set<GraphQLInputType> = new Set(),
): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return mayHoldNationalId(inner.ofType, seen);
  if (isScalarType(inner)) return inner.name === NATIONAL_ID_SCALAR;
  if (!isInputObjectType(inner) || seen.has(inner)) return false;
  seen.add(inner);
  return Object.values(inner.getFields()).some((field) => mayHoldNationalId(field.type, seen));
}

/**
 * The national IDs a source stands for in one request: the literal, or the variable's value as
 * sent, or its default when it is not sent at all (as GraphQL applies it). Sent as null, or not
 * sent and without a default, it stands for none.
 */
export function nationalIdValues(
  source: NationalIdSource,
  variables: Readonly<Record<string, unknown>>,
): unknown[] {
  if (source.kind === 'literal') return [source.value];
  const value = Object.hasOwn(variables, source.name)
    ? variables[source.name]
    : source.defaultValue;
  return inputScalarValues(value, source.type, NATIONAL_ID);
}
