import {
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';

const sizesBySchema = new WeakMap<GraphQLSchema, ReadonlyMap<string, number>>();

/**
 * List sizes of the introspection types, taken from the schema being introspected: the number
 * of its types and directives, and for the lists on a type or field (`fields`, `args`,
 * `enumValues`, …) their mean length where not empty, rounded up. Introspection is answered
 * from memory, so a typical size is priced rather than the longest list: a walk of the whole
 * schema costs what it reads, and each nested level still multiplies.
 */
export function introspectionListSizes(schema: GraphQLSchema): ReadonlyMap<string, number> {
  let sizes = sizesBySchema.get(schema);
  if (!sizes) {
    sizes = measure(schema);
    sizesBySchema.set(schema, sizes);
  }
  return sizes;
}

function measure(schema: GraphQLSchema): ReadonlyMap<string, number> {
  const types = Object.values(schema.getTypeMap());
  const fields = types.flatMap(fieldsOf);
  const directives = schema.getDirectives();
  return new Map([
    ['__Schema.types', types.length],
    ['__Schema.directives', directives.length],
    ['__Type.fields', meanLength(types.map(fieldsOf))],
    ['__Type.inputFields', meanLength(types.map(inputFieldsOf))],
    ['__Type.enumValues', meanLength(types.map((t) => (isEnumType(t) ? t.getValues() : [])))],
    ['__Type.interfaces', meanLength(types.map(interfacesOf))],
    ['__Type.possibleTypes', meanLength(types.map((t) => possibleTypesOf(schema, t)))],
    ['__Field.args', meanLength(fields.map((f) => f.args))],
    ['__Directive.args', meanLength(directives.map((d) => d.args))],
    ['__Directive.locations', meanLength(directives.map((d) => d.locations))],
  ]);
}

function fieldsOf(type: GraphQLNamedType): { args: readonly unknown[] }[] {
  return isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
}

function inputFieldsOf(type: GraphQLNamedType): readonly unknown[] {
  return isInputObjectType(type) ? Object.values(type.getFields()) : [];
}

function interfacesOf(type: GraphQLNamedType): readonly unknown[] {
  return isObjectType(type) || isInterfaceType(type) ? type.getInterfaces() : [];
}

function possibleTypesOf(schema: GraphQLSchema, type: GraphQLNamedType): readonly unknown[] {
  return isInterfaceType(type) || isUnionType(type) ? schema.getPossibleTypes(type) : [];
}

function meanLength(lists: readonly (readonly unknown[])[]): number {
  const filled = lists.filter((list) => list.length > 0);
  if (filled.length === 0) return 0;
  const total = filled.reduce((sum, list) => sum + list.length, 0);
  return Math.ceil(total / filled.length);
}
