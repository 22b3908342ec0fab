import { MapperKind, mapSchema, pruneSchema } from '@graphql-tools/utils';
import {
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isUnionType,
} from 'graphql';

/**
 * The API schema cut down to what one caller may read: fields they may not read are removed,
 * then types left with no field (or union members) and every field returning a removed type,
 * until nothing changes. An interface keeps a field only when each implementation it keeps
 * does too, so the result is a valid schema that introspection can run against.
 */
export function readableSchema(
  schema: GraphQLSchema,
  readable: (coordinate: string) => boolean,
): GraphQLSchema {
  const kept = new Map<string, Set<string>>();
  const removed = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      kept.set(
        type.name,
        new Set(Object.keys(type.getFields()).filter((f) => readable(`${type.name}.${f}`))),
      );
    }
  }
  // GraphQL requires a query type; mutation and subscription types go when left empty.
  const queryType = schema.getQueryType()?.name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const type of Object.values(schema.getTypeMap())) {
      if (removed.has(type.name) || isIntrospectionType(type)) continue;
      if (isUnionType(type)) {
        if (type.getTypes().every((member) => removed.has(member.name))) {
          removed.add(type.name);
          changed = true;
        }
        continue;
      }
      const fields = kept.get(type.name);
      if (!fields || !(isObjectType(type) || isInterfaceType(type))) continue;
      const all = type.getFields();
      for (const name of [...fields]) {
        const field = all[name];
        const target = field ? getNamedType(field.type).name : undefined;
        const implementations = isInterfaceType(type) ? schema.getPossibleTypes(type) : [];
        const inconsistent = implementations.some(
          (impl) => !removed.has(impl.name) && !kept.get(impl.name)?.has(name),
        );
        if (!target || removed.has(target) || inconsistent) {
          fields.delete(name);
          changed = true;
        }
      }
      if (fields.size === 0 && type.name !== queryType) {
        removed.add(type.name);
        changed = true;
      }
    }
  }
  const cut = mapSchema(schema, {
    [MapperKind.TYPE]: (type) => (removed.has(type.name) ? null : type),
    [MapperKind.COMPOSITE_FIELD]: (config, fieldName, typeName) =>
      kept.get(typeName)?.has(fieldName) ? config : null,
  });
  return pruneSchema(cut);
}
