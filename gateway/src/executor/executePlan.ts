import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import type { GraphQLDataSource } from '@apollo/gateway';
import { applyRewrites, isObjectOfType } from '@apollo/gateway/dist/dataRewrites.js';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { generateHydratedPaths } from '@apollo/gateway/dist/executeQueryPlan.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import type {
  ConditionNode,
  FetchNode,
  PlanNode,
  QueryPlan,
  QueryPlanSelectionNode,
  ResponsePath,
} from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { UnsupportedOperation } from './shapeResponse.js';

// Runs a query plan the way @apollo/gateway 2.14's executeQueryPlan.js does — the same fetches
// in the same order, the same representations, the same merging and the same error paths —
// with what depends only on the plan (the `requires` selections) compiled once per plan.
// Usage-reporting traces are not built (govgraph sends none), and each department call has
// its span from DepartmentDataSource rather than a second one here.

type Data = Record<string, unknown>;
type ResultPath = (string | number)[];

interface Cursor {
  path: ResponsePath;
  data: unknown;
  fullResult: Data;
}

/** A `requires` selection compiled into a function from an entity to its representation. */
type Representation = (schema: GraphQLSchema, source: unknown) => Data | null;

/** A plan with what each fetch needs compiled; built once per query plan. */
export interface CompiledPlan {
  readonly node: PlanNode | undefined;
  readonly representations: Map<FetchNode, Representation>;
  /** The variables its `Condition` nodes read. */
  readonly conditionVariables: readonly string[];
}

export interface PlanRun {
  plan: CompiledPlan;
  serviceMap: Record<string, GraphQLDataSource>;
  requestContext: GatewayGraphQLRequestContext;
  supergraphSchema: GraphQLSchema;
  /** The values `Condition` nodes read: the request's variables over the operation's defaults. */
  conditionValues: Record<string, unknown>;
  errors: GraphQLError[];
}

/**
 * Compiles the plan, or throws `UnsupportedOperation` naming the first node kind the lean
 * executor does not run (`Defer`, `Subscription`): the operation is then left to Apollo's.
 */
export function compilePlan(plan: QueryPlan): CompiledPlan {
  const representations = new Map<FetchNode, Representation>();
  const conditionVariables = new Set<string>();
  const visit = (node: QueryPlan['node']): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Sequence':
      case 'Parallel':
        for (const child of node.nodes) visit(child);
        return;
      case 'Flatten':
        visit(node.node);
        return;
      case 'Condition':
        conditionVariables.add(node.condition);
        visit(node.ifClause);
        visit(node.elseClause);
        return;
      case 'Fetch':
        if (node.requires) representations.set(node, compileSelections(node.requires));
        return;
      default:
        throw new UnsupportedOperation(`${node.kind} node`);
    }
  };
  visit(plan.node);
  // visit turned away every other kind, Subscription included.
  const node = plan.node as PlanNode | undefined;
  return { node, representations, conditionVariables: [...conditionVariables] };
}

/** executeQueryPlan's `executeSelectionSet`, unrolled per selection once. */
function compileSelections(selections: readonly QueryPlanSelectionNode[]): Representation {
  const steps = selections.map(
    (selection): ((schema: GraphQLSchema, source: Data, result: Data) => boolean) => {
      if (selection.kind === 'Field') {
        const responseName = selection.alias ?? selection.name;
        const inner = selection.selections ? compileSelections(selection.selections) : undefined;
        return (schema, source, result) => {
          if (!Object.hasOwn(source, responseName) || source[responseName] === undefined) {
            return false;
          }
          const value = source[responseName];
          if (Array.isArray(value)) {
            result[responseName] = inner ? value.map((v) => inner(schema, v)) : value;
          } else {
            result[responseName] = inner ? inner(schema, value) : value;
          }
          return true;
        };
      }
      const typeCondition = selection.typeCondition;
      const inner = compileSelections(selection.selections);
      return (schema, source, result) => {
        if (!typeCondition || !source) return true;
        if (isObjectOfType(schema, source, typeCondition)) {
          deepMerge(result, inner(schema, source));
        }
        return true;
      };
    },
  );
  return (schema, source) => {
    if (source === null) return null;
    const result: Data = Object.create(null);
    for (const step of steps) {
      if (!step(schema, source as Data, result)) return null;
    }
    return result;
  };
}

export async function executePlanNode(
  run: PlanRun,
  node: PlanNode,
  cursor: Cursor | undefined,
): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executePlanNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executePlanNode(run, child, cursor)));
      return;
    case 'Flatten':
      await executePlanNode(run, node.node, moveIntoCursor(cursor, node.path));
      return;
    case 'Fetch':
      try {
        await fetchInto(run, node, cursor);
      } catch (error) {
        run.errors.push(error as GraphQLError);
      }
      return;
    case 'Condition': {
      const branch = conditionHolds(run, node) ? node.ifClause : node.elseClause;
      if (branch) await executePlanNode(run, branch, cursor);
      return;
    }
    default:
      // compilePlan refuses every other kind before a plan runs here.
      throw new Error(`Unsupported plan node ${node.kind}`);
  }
}

function conditionHolds(run: PlanRun, node: ConditionNode): boolean {
  // The lean gateway checked every condition variable is a boolean before the plan ran.
  return run.conditionValues[node.condition] === true;
}

async function fetchInto(run: PlanRun, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = run.serviceMap[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: Data[] = Array.isArray(cursor.data)
    ? (cursor.data as unknown[]).filter((e): e is Data => e !== null && e !== undefined)
    : [cursor.data as Data];
  if (entities.length < 1) return;
  const variables: Data = Object.create(null);
  const provided = run.requestContext.request.variables;
  if (fetch.variableUsages && provided) {
    for (const name of fetch.variableUsages) {
      if (Object.hasOwn(provided, name) && provided[name] !== undefined) {
        variables[name] = provided[name];
      }
    }
  }
  const representationOf = run.plan.representations.get(fetch);
  if (!representationOf) {
    const received = await send(run, service, fetch, cursor, variables);
    if (received) applyRewrites(run.supergraphSchema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }
  const representations: Data[] = [];
  const representationToEntity: number[] = [];
  entities.forEach((entity, index) => {
    const representation = representationOf(run.supergraphSchema, entity);
    if (representation?.__typename) {
      applyRewrites(run.supergraphSchema, fetch.inputRewrites, representation);
      representations.push(representation);
      representationToEntity.push(index);
    }
  });
  if (representations.length < 1) return;
  if ('representations' in variables) {
    throw new Error(`Variables cannot contain key "representations"`);
  }
  const received = await send(run, service, fetch, cursor, { ...variables, representations });
  if (!received) return;
  const receivedEntities = received._entities;
  if (!(receivedEntities && Array.isArray(receivedEntities))) {
    throw new Error(`Expected "data._entities" in response to be an array`);
  }
  if (receivedEntities.length !== representations.length) {
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  }
  // Apollo walks `entities.length` here, past the end of the received list when some entity
  // gave no representation; those steps merge nothing, so walking the received list is the same.
  for (let i = 0; i < receivedEntities.length; i++) {
    const receivedEntity = receivedEntities[i] as Data | null;
    const entityIndex = representationToEntity[i] as number;
    const existing = entities[entityIndex] as Data;
    if (receivedEntity && !receivedEntity.__typename) {
      receivedEntity.__typename = existing.__typename;
    }
    applyRewrites(run.supergraphSchema, fetch.outputRewrites, receivedEntity as Data);
    deepMerge(existing, receivedEntity);
  }
}

async function send(
  run: PlanRun,
  service: GraphQLDataSource,
  fetch: FetchNode,
  cursor: Cursor,
  variables: Data,
): Promise<Data | null | undefined> {
  const { requestContext } = run;
  const response = await service.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    const pathOf = lazyErrorPath(fetch, cursor);
    run.errors.push(
      ...response.errors.map((error) => downstreamError(error, fetch.serviceName, pathOf)),
    );
    if (!response.extensions?.ftv1) {
      const errorPaths = response.errors.map((error) => ({
        subgraph: fetch.serviceName,
        path: error.path,
      }));
      const metrics = requestContext.metrics;
      if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...errorPaths);
      else metrics.nonFtv1ErrorPaths = errorPaths;
    }
  }
  return response.data as Data | null | undefined;
}

function lazyErrorPath(fetch: FetchNode, cursor: Cursor) {
  let hydratedPaths: ResultPath[] | undefined;
  return (errorPath: readonly (string | number)[] | undefined): ResultPath | undefined => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydratedPaths) {
        hydratedPaths = [];
        generateHydratedPaths([], cursor.path, cursor.fullResult, hydratedPaths);
      }
      const hydrated = hydratedPaths[errorPath[1]] ?? [];
      return [...hydrated, ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath.slice()] : undefined;
  };
}

function downstreamError(
  original:
    | GraphQLError
    | { message: string; path?: readonly (string | number)[]; extensions?: Data },
  serviceName: string,
  pathOf: (path: readonly (string | number)[] | undefined) => ResultPath | undefined,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const { extensions } = original;
  const options = {
    originalError: original as Error,
    path: pathOf(original.path),
    extensions: { ...extensions, serviceName },
  };
  const codeDef = errorCodeDef(original as GraphQLError);
  if (!codeDef && extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

function moveIntoCursor(cursor: Cursor, path: ResponsePath): Cursor | undefined {
  const data = flattenAtPath(cursor.data, path, 0);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

/** executeQueryPlan's `flattenResultsAtPath`, with every `@` level pushed into one array. */
function flattenAtPath(value: unknown, path: ResponsePath, from: number): unknown {
  let current = value;
  for (let at = from; at < path.length; at++) {
    if (current === undefined || current === null) return current;
    const element = path[at];
    if (element === '@') {
      const out: unknown[] = [];
      for (const item of current as unknown[]) pushAtPath(out, item, path, at + 1);
      return out;
    }
    current = fieldOf(current, element);
  }
  return current;
}

/** What `flatMap` of flattenResultsAtPath adds for one list element. */
function pushAtPath(out: unknown[], value: unknown, path: ResponsePath, from: number): void {
  let current = value;
  for (let at = from; at < path.length; at++) {
    if (current === undefined || current === null) {
      out.push(current);
      return;
    }
    const element = path[at];
    if (element === '@') {
      for (const item of current as unknown[]) pushAtPath(out, item, path, at + 1);
      return;
    }
    current = fieldOf(current, element);
  }
  if (Array.isArray(current)) {
    for (const item of current) out.push(item);
  } else {
    out.push(current);
  }
}

function fieldOf(value: unknown, element: string | number | undefined): unknown {
  if (typeof element !== 'string') throw new Error(`Unexpected ${typeof element} found in path`);
  if (Array.isArray(value))
    throw new Error(`Unexpected array in result for path element ${element}`);
  const object = value as Data;
  return Object.hasOwn(object, element) ? object[element] : undefined;
}
