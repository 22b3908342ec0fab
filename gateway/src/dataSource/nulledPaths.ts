import {
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';

/** A path as a fetch's own answer spells it; Apollo turns it into the caller's path. */
export type FetchPath = (string | number)[];

/** What the data source knows about the fetch that failed. */
export interface FailedFetch {
  query: string;
  document?: DocumentNode;
  variables?: Record<string, unknown>;
}

/**
 * The fields a failed fetch leaves null, as paths in the fetch's own answer: a root fetch's
 * top-level fields (`['person']`), an entity fetch's fields under each representation
 * (`['_entities', 0, 'taxProfile']`). Apollo's executeFetch rewrites these onto the caller's
 * answer (`person`, `person.taxProfile`, `people.3.taxProfile`), so an error carrying one
 * points at the field that is null.
 */
export function nulledPaths(fetch: FailedFetch): FetchPath[] {
  const operation = operationOf(fetch);
  if (!operation) return [];
  const representations = fetch.variables?.representations;
  const entities = fieldsOf(operation.selectionSet).find((f) => f.name.value === '_entities');
  if (Array.isArray(representations) && entities?.selectionSet) {
    return entityPaths(representations, entities.selectionSet);
  }
  return fieldsOf(operation.selectionSet).map((f) => [responseKey(f)]);
}

function entityPaths(representations: unknown[], selection: SelectionSetNode): FetchPath[] {
  const paths: FetchPath[] = [];
  representations.forEach((representation, index) => {
    const typename = typenameOf(representation);
    for (const key of entityKeys(selection, typename)) paths.push(['_entities', index, key]);
  });
  return paths;
}

// The response keys asked of one entity type (`... on Person { taxProfile }`).
function entityKeys(selection: SelectionSetNode, typename: string | undefined): string[] {
  const keys: string[] = [];
  for (const node of selection.selections) {
    if (node.kind === Kind.FIELD && node.name.value !== '__typename') keys.push(responseKey(node));
    if (node.kind !== Kind.INLINE_FRAGMENT) continue;
    const on = node.typeCondition?.name.value;
    if (on && typename && on !== typename) continue;
    keys.push(...fieldsOf(node.selectionSet).map(responseKey));
  }
  return [...new Set(keys)];
}

function fieldsOf(selection: SelectionSetNode): FieldNode[] {
  return selection.selections.filter(
    (node): node is FieldNode => node.kind === Kind.FIELD && node.name.value !== '__typename',
  );
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

function typenameOf(representation: unknown): string | undefined {
  const name = (representation as { __typename?: unknown } | null)?.__typename;
  return typeof name === 'string' ? name : undefined;
}

function operationOf(fetch: FailedFetch): OperationDefinitionNode | undefined {
  let document = fetch.document;
  if (!document) {
    try {
      document = parse(fetch.query);
    } catch {
      return undefined;
    }
  }
  return document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
}

/** One copy of `error` per nulled path (none: the error as it is). */
export function atPaths<E extends object>(error: E, paths: readonly FetchPath[]): E[] {
  if (paths.length === 0) return [error];
  return paths.map((path) => ({ ...error, path }));
}
