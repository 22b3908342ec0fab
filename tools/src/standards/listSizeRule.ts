import { type ConstDirectiveNode, type FieldDefinitionNode, Kind, type TypeNode } from 'graphql';
import type { Finding } from './Finding.js';
import type { SubgraphSource } from './SubgraphSource.js';
import { directiveNamed, namedTypeOf, type SubgraphType, subgraphTypes } from './subgraphTypes.js';

/**
 * Every field returning a list declares how long it may be with `@listSize` (docs/limits.md,
 * "Demand control (cost)"), so the gateway can estimate an operation's cost before any
 * department is called. The one default: a list field named in `sizedFields` of a `@listSize`
 * on a field returning its type (a connection's `nodes`) is sized by that field and needs none.
 */
export function listSizeRule(subgraphs: readonly SubgraphSource[]): Finding[] {
  const findings: Finding[] = [];
  for (const { name: subgraph, typeDefs } of subgraphs) {
    const types = subgraphTypes(typeDefs);
    const sized = sizedByParent(types);
    for (const type of types.values()) {
      for (const field of type.fields) {
        if (!isList(field.type) || directiveNamed(field.directives, 'listSize')) continue;
        const coordinate = `${type.name}.${field.name.value}`;
        if (sized.has(coordinate)) continue;
        findings.push({ rule: 'list-size', subgraph, coordinate, message: missing(field) });
      }
    }
  }
  return findings;
}

/** `Type.field` of every field some `@listSize(sizedFields: …)` of this subgraph sizes. */
function sizedByParent(types: ReadonlyMap<string, SubgraphType>): Set<string> {
  const sized = new Set<string>();
  for (const type of types.values()) {
    for (const field of type.fields) {
      const listSize = directiveNamed(field.directives, 'listSize');
      const target = namedTypeOf(field.type);
      for (const name of sizedFieldsOf(listSize)) sized.add(`${target}.${name}`);
    }
  }
  return sized;
}

function sizedFieldsOf(listSize: ConstDirectiveNode | undefined): string[] {
  const argument = listSize?.arguments?.find((a) => a.name.value === 'sizedFields');
  if (!argument) return [];
  const value = argument.value;
  if (value.kind === Kind.STRING) return [value.value];
  if (value.kind !== Kind.LIST) return [];
  return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

function isList(type: TypeNode): boolean {
  if (type.kind === Kind.NON_NULL_TYPE) return isList(type.type);
  return type.kind === Kind.LIST_TYPE;
}

function missing(field: FieldDefinitionNode): string {
  const hasFirst = field.arguments?.some((a) => a.name.value === 'first');
  const hint = hasFirst
    ? '@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)'
    : '@listSize(assumedSize: <the most items it returns in practice>)';
  return `list field has no @listSize: add ${hint}, so the gateway can estimate the cost of operations that ask for it.`;
}
