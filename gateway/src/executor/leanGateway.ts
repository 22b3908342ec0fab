import { hash } from 'node:crypto';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import {
  buildOperationContext,
  type OperationContext,
} from '@apollo/gateway/dist/operationContext.js';
import type { QueryPlan, QueryPlanner } from '@apollo/query-planner';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import { inSpan, type Logger, SpanKind } from '@govgraph/server';
import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';
import { type CompiledPlan, compilePlan, executePlanNode } from './executePlan.js';
import {
  type CompiledShape,
  compileShape,
  conditionsAreBoolean,
  shapeResponse,
  UnsupportedOperation,
  withDefaults,
} from './shapeResponse.js';

/** Which executor runs the query plans: govgraph's lean one (default) or Apollo's own. */
export type ExecutorChoice = 'lean' | 'apollo';

/** The parts of @apollo/gateway 2.14 the lean executor reads: private fields, checked at load. */
interface GatewayInternals {
  schema: GraphQLSchema;
  apiSchema: Schema;
  supergraphSchema: GraphQLSchema;
  queryPlanner: QueryPlanner;
  queryPlanStore: {
    get(key: string): Promise<QueryPlan | undefined>;
    set(key: string, plan: QueryPlan): Promise<void>;
  };
  serviceMap: Record<string, { dataSource: GraphQLDataSource }>;
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
}

function internalsOf(gateway: ApolloGateway): GatewayInternals | undefined {
  const read = (name: string): unknown => Reflect.get(gateway, name);
  const store = read('queryPlanStore') as Partial<GatewayInternals['queryPlanStore']> | undefined;
  const planner = read('queryPlanner') as Partial<QueryPlanner> | undefined;
  if (
    !read('schema') ||
    !read('apiSchema') ||
    !read('supergraphSchema') ||
    typeof planner?.buildQueryPlan !== 'function' ||
    typeof store?.get !== 'function' ||
    typeof store.set !== 'function' ||
    typeof read('serviceMap') !== 'object'
  ) {
    return undefined;
  }
  return gateway as unknown as GatewayInternals;
}

/** What the lean executor made of one query plan: its compiled form, or why Apollo runs it. */
type Lean =
  | { plan: CompiledPlan; shape: CompiledShape; conditionVariables: readonly string[] }
  | { declined: string };

export interface LeanGatewayOptions {
  executor: ExecutorChoice;
  metrics: GatewayMetrics;
  logger: Logger;
}

/**
 * Apollo Server's view of the gateway: @apollo/gateway loads, composes, plans and caches plans
 * as before; the plans are executed by govgraph's lean executor (docs/architecture.md "The lean
 * executor"). An operation whose plan or document holds something the lean executor does not
 * run — `@defer`, subscriptions, schema introspection, a usage-reporting trace — is executed by
 * Apollo's executor instead, counted in `govgraph_executions_total{executor="apollo"}` and
 * logged once per plan.
 */
export function leanGateway(gateway: ApolloGateway, options: LeanGatewayOptions): GatewayInterface {
  const { metrics, logger } = options;
  const compiled = new WeakMap<QueryPlan, Lean>();
  const contexts = new WeakMap<DocumentNode, Map<string, OperationContext>>();

  const operationContextOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
  ): OperationContext => {
    let byName = contexts.get(document);
    if (!byName) {
      byName = new Map();
      contexts.set(document, byName);
    }
    const key = operationName ?? '';
    let context = byName.get(key);
    if (!context) {
      context = buildOperationContext({ schema, operationDocument: document, operationName });
      byName.set(key, context);
    }
    // The schema changes with a supergraph reload; the operation and fragments do not.
    return context.schema === schema ? context : { ...context, schema };
  };

  const leanOf = (
    plan: QueryPlan,
    operationContext: OperationContext,
    internals: GatewayInternals,
  ): Lean => {
    let lean = compiled.get(plan);
    if (lean) return lean;
    lean = compileLean(plan, operationContext, internals.apiSchema);
    compiled.set(plan, lean);
    if ('declined' in lean) {
      logger.info(
        { operationName: operationContext.operation.name?.value, reason: lean.declined },
        "operation executed by Apollo's executor",
      );
    }
    return lean;
  };

  const lean = (apollo: GatewayExecutor): GatewayExecutor => {
    const declined = (reason: string, requestContext: GatewayGraphQLRequestContext) => {
      metrics.executions.inc({ executor: 'apollo', reason });
      return apollo(requestContext);
    };
    return async (requestContext) => {
      const internals = internalsOf(gateway);
      if (!internals) return declined('gateway internals changed', requestContext);
      if (requestContext.metrics?.captureTraces) {
        return declined('usage-reporting trace', requestContext);
      }
      const { request, document, queryHash } = requestContext;
      const operationContext = operationContextOf(
        internals.schema,
        document,
        request.operationName,
      );
      const variableDefinitions = operationContext.operation.variableDefinitions;
      if (variableDefinitions && variableDefinitions.length > 0) {
        const { errors } = getVariableValues(
          internals.schema,
          variableDefinitions,
          request.variables ?? {},
        );
        if (errors) return { errors };
      }
      const planKey = request.operationName
        ? hash('sha256', queryHash + request.operationName, 'hex')
        : queryHash;
      let plan = await internals.queryPlanStore.get(planKey);
      if (!plan) {
        try {
          const operation = operationFromDocument(internals.apiSchema, document, {
            operationName: request.operationName,
          });
          plan = internals.queryPlanner.buildQueryPlan(operation, {
            recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
            nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
          });
        } catch {
          // Apollo's executor plans it again and fails the way callers already know.
          return declined('planning failed', requestContext);
        }
        try {
          await internals.queryPlanStore.set(planKey, plan);
        } catch (error) {
          logger.warn({ err: error }, 'could not store a query plan');
        }
      }
      const ready = leanOf(plan, operationContext, internals);
      if ('declined' in ready) return declined(ready.declined, requestContext);
      const variables = withDefaults(ready.shape, request.variables);
      if (!conditionsAreBoolean(variables, ready.conditionVariables)) {
        return declined('non-boolean condition variable', requestContext);
      }
      metrics.executions.inc({ executor: 'lean', reason: '' });
      // The span Apollo's executor opens (`gateway.execute`, with the operation's name and type:
      // the exporter drops a name that looks like a national ID); the fetches are its children.
      const attributes: Record<string, string> = {
        'graphql.operation.type': operationContext.operation.operation,
      };
      if (requestContext.operationName) {
        attributes['graphql.operation.name'] = requestContext.operationName;
      }
      return inSpan('gateway.execute', SpanKind.INTERNAL, attributes, () =>
        execute(ready, requestContext, variables, internals),
      );
    };
  };

  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(loadOptions) {
      const { executor } = await gateway.load(loadOptions);
      if (!executor || options.executor === 'apollo') return { executor };
      if (!internalsOf(gateway)) {
        logger.warn(
          "@apollo/gateway's internals are not as the lean executor expects: Apollo's executor runs every operation",
        );
      }
      return { executor: lean(executor) };
    },
  };
}

function compileLean(plan: QueryPlan, operationContext: OperationContext, apiSchema: Schema): Lean {
  try {
    const compiledPlan = compilePlan(plan);
    const operation = operationFromDocument(
      apiSchema,
      {
        kind: Kind.DOCUMENT,
        definitions: [operationContext.operation, ...Object.values(operationContext.fragments)],
      },
      { validate: false },
    );
    const shape = compileShape(operation);
    return {
      plan: compiledPlan,
      shape,
      conditionVariables: [
        ...new Set([...shape.conditionVariables, ...compiledPlan.conditionVariables]),
      ],
    };
  } catch (error) {
    if (error instanceof UnsupportedOperation) return { declined: error.message };
    return { declined: 'operation not compiled' };
  }
}

async function execute(
  lean: { plan: CompiledPlan; shape: CompiledShape },
  requestContext: GatewayGraphQLRequestContext,
  variables: Record<string, unknown>,
  internals: GatewayInternals,
): Promise<GatewayExecutionResult> {
  const serviceMap: Record<string, GraphQLDataSource> = Object.create(null);
  for (const [name, { dataSource }] of Object.entries(internals.serviceMap)) {
    serviceMap[name] = dataSource;
  }
  const errors: GraphQLError[] = [];
  const unfiltered: Record<string, unknown> = Object.create(null);
  if (lean.plan.node) {
    await executePlanNode(
      {
        plan: lean.plan,
        serviceMap,
        requestContext,
        supergraphSchema: internals.supergraphSchema,
        conditionValues: variables,
        errors,
      },
      lean.plan.node,
      { path: [], data: unfiltered, fullResult: unfiltered },
    );
  }
  let shaped: ReturnType<typeof shapeResponse>;
  try {
    shaped = shapeResponse(lean.shape, variables, unfiltered);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    if (error instanceof Error) {
      return { errors: [new GraphQLError(error.message, { originalError: error })] };
    }
    return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
  }
  if (errors.length === 0 && shaped.errors.length > 0) {
    return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
  }
  return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
}
