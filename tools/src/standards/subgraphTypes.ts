import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  type TypeNode,
} from 'graphql';

export type TypeKind = 'object' | 'interface' | 'input' | 'enum' | 'union' | 'scalar';

/** A named type of one subgraph, its definition and any `extend type` merged together. */
export interface SubgraphType {
  name: string;
  kind: TypeKind;
  described: boolean;
  directives: readonly ConstDirectiveNode[];
  /** Fields of an object or interface type. */
  fields: readonly FieldDefinitionNode[];
  /** Fields of an input type. */
  inputFields: readonly InputValueDefinitionNode[];
  values: readonly EnumValueDefinitionNode[];
}

const kindOf: Partial<Record<DefinitionNode['kind'], TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
};

/** Every named type a subgraph's SDL declares, by name, in declaration order. */
export function subgraphTypes(document: DocumentNode): Map<string, SubgraphType> {
  const types = new Map<string, SubgraphType>();
  for (const node of document.definitions) {
    if (!isTypeDefinitionNode(node) && !isTypeExtensionNode(node)) continue;
    const kind = kindOf[node.kind];
    if (!kind) continue;
    const name = node.name.value;
    const type = types.get(name) ?? {
      name,
      kind,
      described: false,
      directives: [],
      fields: [],
      inputFields: [],
      values: [],
    };
    const fields = 'fields' in node ? (node.fields ?? []) : [];
    types.set(name, {
      ...type,
      described: type.described || ('description' in node && Boolean(node.description?.value)),
      directives: [...type.directives, ...(node.directives ?? [])],
      fields:
        kind === 'input' ? type.fields : [...type.fields, ...(fields as FieldDefinitionNode[])],
      inputFields:
        kind === 'input'
          ? [...type.inputFields, ...(fields as InputValueDefinitionNode[])]
          : type.inputFields,
      values: 'values' in node ? [...type.values, ...(node.values ?? [])] : type.values,
    });
  }
  return types;
}

/** The named type under any list and non-null wrappers: `[Person!]!` → `Person`. */
export function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** The first application of `@name` among the given directives. */
export function directiveNamed(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): ConstDirectiveNode | undefined {
  return directives?.find((d) => d.name.value === name);
}
