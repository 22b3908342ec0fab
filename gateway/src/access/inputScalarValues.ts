import {
  type GraphQLInputType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/**
 * Every value of the named scalars inside an input value (an argument's or a variable's),
 * however deep in input objects and lists; a single value where a list is expected counts as
 * a list of one, as GraphQL coerces it. Values are returned as given, not coerced.
 */
export function inputScalarValues(
  value: unknown,
  type: GraphQLInputType,
  scalars: ReadonlySet<string>,
): unknown[] {
  if (value === undefined || value === null) return [];
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item) => inputScalarValues(item, inner.ofType, scalars));
  }
  if (isScalarType(inner)) return scalars.has(inner.name) ? [value] : [];
  if (isInputObjectType(inner) && typeof value === 'object') {
    const fields = inner.getFields();
    return Object.entries(value).flatMap(([name, v]) => {
      const field = fields[name];
      return field ? inputScalarValues(v, field.type, scalars) : [];
    });
  }
  return [];
}
