import {
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  Kind,
  parse,
} from 'graphql';

/** One `@listSize` application (Federation v2.9 / IBM cost spec). */
export interface ListSize {
  assumedSize?: number;
  slicingArguments: readonly string[];
  sizedFields: readonly string[];
}

/**
 * The demand-control directives of a supergraph, by schema coordinate: `Type.field` for fields,
 * `Type` for types and `Type.field(arg:)` for arguments.
 */
export interface CostDirectives {
  listSizes: ReadonlyMap<string, ListSize>;
  weights: ReadonlyMap<string, number>;
}

/** The cost spec a supergraph `@link`s to; an import may rename its directives. */
const COST_URL = /^https:\/\/specs\.apollo\.dev\/cost\/v\d+(\.\d+)?$/;

type Definition = DefinitionNode & {
  name?: { value: string };
  directives?: readonly ConstDirectiveNode[];
  fields?: readonly FieldDefinitionNode[];
};

/** Reads `@cost` and `@listSize` from a composed supergraph's SDL (`coreSupergraphSdl`). */
export function costDirectives(supergraphSdl: string): CostDirectives {
  const document = parse(supergraphSdl, { noLocation: true });
  const names = directiveNames(document.definitions);
  const listSizes = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  for (const definition of document.definitions as readonly Definition[]) {
    const type = definition.name?.value;
    if (!type || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    setWeight(weights, type, definition.directives, names.cost);
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      setWeight(weights, coordinate, field.directives, names.cost);
      for (const arg of field.arguments ?? []) {
        setWeight(weights, `${coordinate}(${arg.name.value}:)`, arg.directives, names.cost);
      }
      const listSize = field.directives?.find((d) => d.name.value === names.listSize);
      if (listSize) listSizes.set(coordinate, readListSize(listSize));
    }
  }
  return { listSizes, weights };
}

function setWeight(
  weights: Map<string, number>,
  coordinate: string,
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): void {
  const cost = directives?.find((d) => d.name.value === name);
  const weight = cost ? argument(cost, 'weight') : undefined;
  if (weight?.kind === Kind.INT) weights.set(coordinate, Number(weight.value));
}

function readListSize(directive: ConstDirectiveNode): ListSize {
  const assumed = argument(directive, 'assumedSize');
  return {
    ...(assumed?.kind === Kind.INT ? { assumedSize: Number(assumed.value) } : {}),
    slicingArguments: strings(argument(directive, 'slicingArguments')),
    sizedFields: strings(argument(directive, 'sizedFields')),
  };
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function strings(value: ConstValueNode | undefined): string[] {
  if (value?.kind === Kind.STRING) return [value.value];
  if (value?.kind !== Kind.LIST) return [];
  return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

/**
 * The names the supergraph gives `@cost` and `@listSize`: from the cost spec's `@link`
 * (`import: ["@listSize"]`, or `{ name: "@listSize", as: "@size" }`); a directive not imported
 * is `@<spec>__<name>`, except `@cost`, named like the spec itself.
 */
function directiveNames(definitions: readonly DefinitionNode[]): {
  cost: string;
  listSize: string;
} {
  const link = costLink(definitions);
  const prefix = stringArg(link, 'as') ?? 'cost';
  const names = { cost: prefix, listSize: `${prefix}__listSize` };
  const imports = link ? argument(link, 'import') : undefined;
  for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
    const [name, as] = importedName(item);
    if (name === '@cost') names.cost = as.slice(1);
    if (name === '@listSize') names.listSize = as.slice(1);
  }
  return names;
}

function importedName(item: ConstValueNode): [string, string] {
  if (item.kind === Kind.STRING) return [item.value, item.value];
  if (item.kind !== Kind.OBJECT) return ['', ''];
  const field = (n: string) => item.fields.find((f) => f.name.value === n)?.value;
  const name = field('name');
  const as = field('as');
  const value = name?.kind === Kind.STRING ? name.value : '';
  return [value, as?.kind === Kind.STRING ? as.value : value];
}

function costLink(definitions: readonly DefinitionNode[]): ConstDirectiveNode | undefined {
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) {
      continue;
    }
    const link = definition.directives?.find(
      (d) => d.name.value === 'link' && COST_URL.test(stringArg(d, 'url') ?? ''),
    );
    if (link) return link;
  }
  return undefined;
}

function stringArg(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive ? argument(directive, name) : undefined;
  return value?.kind === Kind.STRING ? value.value : undefined;
}
