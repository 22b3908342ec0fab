import type {
  ApolloServerPlugin,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextWillSendResponse,
} from '@apollo/server';
import { COST_LIMIT_EXCEEDED } from '@govgraph/schema';
import { inSyncSpan } from '@govgraph/server';
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  getIntrospectionQuery,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';
import { type CostDirectives, costDirectives } from './costDirectives.js';
import { estimateCost } from './costEstimate.js';
import { createCostFigures } from './costFigures.js';

/** Demand control: fed each supergraph the gateway loads, installed as a server plugin. */
export interface CostLimit {
  /** Call from `gateway.onSchemaLoadOrUpdate`. */
  update(supergraph: { coreSupergraphSdl: string }): void;
  plugin(): ApolloServerPlugin<GatewayContext>;
}

/**
 * An introspection-only operation may cost up to this many times GraphiQL's full introspection
 * query on the schema served, when that is above the caller's `maxCost`: introspection is
 * answered from memory and its size follows the schema's, not the agency's limit.
 */
export const INTROSPECTION_ALLOWANCE_FACTOR = 2;

const NO_DIRECTIVES: CostDirectives = { listSizes: new Map(), weights: new Map() };
const FULL_INTROSPECTION = parse(
  getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  }),
);

/**
 * Estimates every operation's cost in `didResolveOperation` — after the access policy, before
 * the response cache and before any department is called — and refuses it over
 * `context.limits.maxCost` with COST_LIMIT_EXCEEDED (HTTP 400). An operation the policy denied
 * is left to that refusal: its cost is never computed, so the estimate (which depends on list
 * sizes) is only ever shown for fields the caller may read. After execution the answer's
 * actual cost is measured; both go to `context.cost` and the `govgraph_operation_cost` histogram.
 */
export function createCostLimit(options: { metrics: GatewayMetrics }): CostLimit {
  const { metrics } = options;
  let directives = NO_DIRECTIVES;
  // Per document and schema: the figures of an operation Apollo already parsed are not worked
  // out again; replaced with the directives on every supergraph load.
  let figures = createCostFigures();
  const allowances = new WeakMap<GraphQLSchema, number>();

  const introspectionAllowance = (schema: GraphQLSchema): number => {
    let allowance = allowances.get(schema);
    if (allowance === undefined) {
      const [operation] = operationsOf(FULL_INTROSPECTION);
      allowance = operation
        ? INTROSPECTION_ALLOWANCE_FACTOR *
          estimateCost({
            schema,
            document: FULL_INTROSPECTION,
            operation,
            variables: {},
            directives,
          })
        : 0;
      allowances.set(schema, allowance);
    }
    return allowance;
  };

  const check = (rc: GraphQLRequestContextDidResolveOperation<GatewayContext>): void => {
    const ctx = rc.contextValue;
    const operation = rc.operation as OperationDefinitionNode | undefined;
    if (!operation || (ctx.access?.denied.length ?? 0) > 0) return;
    const { schema, document } = rc;
    const variables = rc.request.variables;
    const estimated = figures.estimate({ schema, document, operation, variables, directives });
    ctx.cost = { estimated };
    metrics.operationCost.observe(
      { measure: 'estimated', operation: operation.operation },
      estimated,
    );
    let limit = ctx.limits.maxCost;
    if (introspectionOnly(document, operation)) {
      limit = Math.max(limit, introspectionAllowance(schema));
    }
    if (estimated <= limit) return;
    metrics.costRefusals.inc({ operation: operation.operation });
    throw tooCostly(estimated, limit);
  };

  const measure = (rc: GraphQLRequestContextWillSendResponse<GatewayContext>): void => {
    const cost = rc.contextValue.cost;
    const operation = rc.operation as OperationDefinitionNode | undefined;
    const body = rc.response.body;
    if (!cost || !operation || !rc.document || body.kind !== 'single') return;
    // No data at all: the operation was refused (by this limit or a later check) and never ran.
    if (body.singleResult.data === undefined) return;
    // A response-cache hit carries the actual cost measured on its cold answer.
    cost.actual ??= figures.actual({
      schema: rc.schema,
      document: rc.document,
      operation,
      variables: rc.request.variables,
      directives,
      data: body.singleResult.data,
    });
    metrics.operationCost.observe(
      { measure: 'actual', operation: operation.operation },
      cost.actual,
    );
  };

  return {
    update({ coreSupergraphSdl }) {
      directives = costDirectives(coreSupergraphSdl);
      figures = createCostFigures();
    },
    plugin: () => ({
      async requestDidStart() {
        return {
          async didResolveOperation(rc) {
            inSyncSpan(
              'cost estimate',
              () => check(rc),
              () => ({ 'govgraph.cost.estimated': rc.contextValue.cost?.estimated ?? 0 }),
            );
          },
          async willSendResponse(rc) {
            measure(rc);
          },
        };
      },
    }),
  };
}

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
}

/** True when every root field (through root-level fragments) is `__schema`, `__type` or `__typename`. */
function introspectionOnly(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [],
    ),
  );
  const pending = [operation.selectionSet];
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else {
        const spread = fragments.get(selection.name.value);
        if (spread) pending.push(spread);
      }
    }
  }
  return true;
}

function tooCostly(estimated: number, limit: number): GraphQLError {
  return COST_LIMIT_EXCEEDED.refusal(
    `Nothing was run: the operation's estimated cost is ${estimated}, over this caller's limit of ${limit}. Ask for smaller pages (a lower \`first\`), fewer nested lists or fewer aliased copies of a list, or ask the platform operator to raise the agency's cost limit.`,
    { extensions: { cost: { estimated, limit } } },
  );
}
