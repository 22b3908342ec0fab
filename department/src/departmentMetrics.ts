import type { ApolloServerPlugin, BaseContext, GraphQLRequestMetrics } from '@apollo/server';
import { isRegisteredCode, PERSISTED_QUERY_NOT_FOUND } from '@govgraph/schema/errors';
import type { RouteHandler } from '@govgraph/server';
import type { GraphQLFormattedError } from 'graphql';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** A department's Prometheus metrics, in a registry of its own (tests run several in one process). */
export interface DepartmentMetrics {
  registry: Registry;
  /** GraphQL requests answered: outcome ok, partial or error. */
  requests: Counter<'department' | 'outcome'>;
  /** Time from Apollo receiving the request to the answer, in seconds. */
  duration: Histogram<'department' | 'outcome'>;
  /** Errors in answers, by registered code (anything else `UNREGISTERED`). */
  errors: Counter<'department' | 'code'>;
  /**
   * Operations per HTTP request taken: 1 for a single operation, more for a batch the gateway
   * sent (docs/architecture.md#batched-department-fetches). Its count is HTTP requests, its
   * sum operations.
   */
  operationsPerRequest: Histogram<'department'>;
  /**
   * Operations sent with a persisted-query hash (docs/architecture.md#persisted-department-queries),
   * by outcome: `hit` (run by the hash alone), `registered` (text and hash: run, and kept) or
   * `not_found` (a hash alone the department does not hold; the gateway sends the text again).
   */
  persistedQueries: Counter<'department' | 'outcome'>;
}

const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createDepartmentMetrics(): DepartmentMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'govgraph_department_requests_total',
      help: 'GraphQL requests a department answered, by department and outcome.',
      labelNames: ['department', 'outcome'],
      registers,
    }),
    duration: new Histogram({
      name: 'govgraph_department_request_duration_seconds',
      help: 'Time a department took to answer a GraphQL request in seconds, by outcome.',
      labelNames: ['department', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'govgraph_department_errors_total',
      help: 'Errors in a department’s answers, by registered code.',
      labelNames: ['department', 'code'],
      registers,
    }),
    operationsPerRequest: new Histogram({
      name: 'govgraph_department_http_operations',
      help: 'GraphQL operations per HTTP request a department took: 1 alone, more in a batch.',
      labelNames: ['department'],
      buckets: [1, 2, 4, 8, 16],
      registers,
    }),
    persistedQueries: new Counter({
      name: 'govgraph_department_persisted_queries_total',
      help: 'Operations a department was sent by persisted-query hash, by outcome: hit, registered or not_found.',
      labelNames: ['department', 'outcome'],
      registers,
    }),
  };
}

/** Counts and times every operation the department answers. */
export function useDepartmentMetrics<TContext extends BaseContext>(
  department: string,
  metrics: DepartmentMetrics,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, metrics: request }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const persisted = persistedOutcome(request, data !== undefined, errors);
          if (persisted) metrics.persistedQueries.inc({ department, outcome: persisted });
          const outcome = !errors?.length ? 'ok' : data ? 'partial' : 'error';
          metrics.requests.inc({ department, outcome });
          metrics.duration.observe({ department, outcome }, (performance.now() - started) / 1000);
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            metrics.errors.inc({
              department,
              code: isRegisteredCode(code) ? code : 'UNREGISTERED',
            });
          }
        },
      };
    },
  };
}

/** How an operation sent with a persisted-query hash went; undefined for one sent as text alone. */
function persistedOutcome(
  request: GraphQLRequestMetrics,
  ran: boolean,
  errors: readonly GraphQLFormattedError[] | undefined,
): 'hit' | 'registered' | 'not_found' | undefined {
  if (request.persistedQueryHit) return 'hit';
  if (request.persistedQueryRegister) return ran ? 'registered' : undefined;
  const notFound = errors?.some((e) => e.extensions?.code === PERSISTED_QUERY_NOT_FOUND.code);
  return notFound ? 'not_found' : undefined;
}

/** `GET /metrics` in the Prometheus text format. */
export function departmentMetricsRoute(registry: Registry): RouteHandler {
  return async (_req, res) => {
    const body = await registry.metrics();
    res.statusCode = 200;
    res.setHeader('content-type', registry.contentType);
    res.end(body);
  };
}
