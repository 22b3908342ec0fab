import { type ConstDirectiveNode, type DocumentNode, Kind, type ValueNode } from 'graphql';

/** The standards spec a supergraph `@link`s to (as in `classificationIndex.ts`). */
const STANDARDS_URL = /\/standards\/v\d+(\.\d+)?$/;

/** The standards directives the catalog reads, by their spec name. */
export const CATALOG_DIRECTIVES = [
  'classification',
  'updateFrequency',
  'legalBasis',
  'cacheControl',
];

/**
 * The name each standards directive has in this supergraph: the `@link(url: ".../standards/v1.0",
 * import: [...])` may rename an import (`{ name: "@legalBasis", as: "@law" }`). A directive not
 * imported keeps its plain name (supergraphs composed without `@link`).
 */
export function standardsDirectiveNames(document: DocumentNode): Map<string, string> {
  const names = new Map(CATALOG_DIRECTIVES.map((name) => [name, name]));
  for (const link of standardsLinks(document)) {
    const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
    for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
      const [name, as] = importedAs(item);
      if (name && names.has(name)) names.set(name, as ?? name);
    }
  }
  return names;
}

function standardsLinks(document: DocumentNode): ConstDirectiveNode[] {
  const links: ConstDirectiveNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) {
      continue;
    }
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = link.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind === Kind.STRING && STANDARDS_URL.test(url.value)) links.push(link);
    }
  }
  return links;
}

function importedAs(item: ValueNode): [string | undefined, string | undefined] {
  if (item.kind === Kind.STRING) return [item.value.replace(/^@/, ''), undefined];
  if (item.kind !== Kind.OBJECT) return [undefined, undefined];
  const name = item.fields.find((f) => f.name.value === 'name')?.value;
  const as = item.fields.find((f) => f.name.value === 'as')?.value;
  return [
    name?.kind === Kind.STRING ? name.value.replace(/^@/, '') : undefined,
    as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : undefined,
  ];
}

/** The argument `arg` of the first directive called `name`, as a string (enum or string). */
export function directiveText(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string | undefined,
  arg: string,
): string | null {
  for (const directive of directives ?? []) {
    if (directive.name.value !== name) continue;
    const value = directive.arguments?.find((a) => a.name.value === arg)?.value;
    if (value?.kind === Kind.STRING || value?.kind === Kind.ENUM) return value.value;
  }
  return null;
}

/** The smallest `maxAge` of the directives called `name`, or null when none gives one. */
export function directiveMaxAge(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string | undefined,
): number | null {
  let found: number | null = null;
  for (const directive of directives ?? []) {
    if (directive.name.value !== name) continue;
    const value = directive.arguments?.find((a) => a.name.value === 'maxAge')?.value;
    if (value?.kind === Kind.INT) found = Math.min(Number(value.value), found ?? Infinity);
  }
  return found;
}

/**
 * The departments (`@join__graph(name:)` of the `join__Graph` values) a type or field's
 * `@join__type` / `@join__field` directives name; an `external` or overridden field is not
 * owned there.
 */
export function joinGraphs(
  directives: readonly ConstDirectiveNode[] | undefined,
  directive: 'join__type' | 'join__field',
  graphNames: ReadonlyMap<string, string>,
): string[] {
  const graphs = new Set<string>();
  for (const d of directives ?? []) {
    if (d.name.value !== directive) continue;
    const graph = d.arguments?.find((a) => a.name.value === 'graph')?.value;
    if (flag(d, 'external') || flag(d, 'usedOverridden')) continue;
    if (graph?.kind === Kind.ENUM) graphs.add(graphNames.get(graph.value) ?? graph.value);
  }
  return [...graphs].sort();
}

/** `join__Graph` enum value → department name (`MARKET` → `market`). */
export function graphNamesOf(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') {
      continue;
    }
    for (const value of definition.values ?? []) {
      const name = directiveText(value.directives, 'join__graph', 'name');
      names.set(value.name.value, name ?? value.name.value.toLowerCase());
    }
  }
  return names;
}

function flag(directive: ConstDirectiveNode, name: string): boolean {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.BOOLEAN && value.value;
}
