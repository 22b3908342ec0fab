import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { AccessRegistry, Caller } from '@govgraph/governance';
import { isRegisteredCode } from '@govgraph/schema';
import type { Logger } from '@govgraph/server';
import type { GatewayContext } from '../context.js';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';

/**
 * Operation names counted under their own label: the trusted documents' (citizen-record.graphql,
 * the service desk's) and GraphiQL's examples. Any other name is `other`, so a caller cannot grow
 * the label set.
 */
export const KNOWN_OPERATIONS: readonly string[] = [
  'CitizenRecord',
  'DeskRecord',
  'DeskFileComplaint',
  'DeskSubmitApplication',
  'PublicStart',
  'CompanySearch',
  'Statistics',
];

/** How one department fetch ended, for `govgraph_department_fetch_duration_seconds`. */
export type FetchOutcome = 'ok' | 'error' | 'unavailable';

export interface RequestObserverOptions {
  metrics: GatewayMetrics;
  logger: Logger;
  registry?: AccessRegistry;
  /** Operation names besides KNOWN_OPERATIONS to label by name (e.g. a service desk's). */
  operationNames?: readonly string[];
}

/** What one request did, gathered by the plugin and the data sources, logged when it is answered. */
interface Observation {
  context?: GatewayContext;
  operations: { name: string | null; hash: string }[];
  departments: Set<string>;
  responses: GraphQLResponse[];
  codes: string[];
  hasData: boolean;
}

/** Requests whose answer has not finished: a ceiling in case one never does (executeOperation). */
const MAX_OPEN = 10_000;

export interface RequestObserver {
  /** Apollo plugin: records the operation, the caller and the answer's errors. */
  plugin(): ApolloServerPlugin<GatewayContext>;
  /** Told by each department data source when a fetch ends. */
  fetched(context: unknown, department: string, seconds: number, outcome: FetchOutcome): void;
  /**
   * Called by the HTTP edge for every GraphQL request: logs and counts it once answered. The
   * trace id (tracing on) goes into the access line as `traceId`.
   */
  begin(req: IncomingMessage, res: ServerResponse, traceId?: string): void;
}

/**
 * The gateway's request metrics and access log (docs/operations.md): one JSON line per GraphQL
 * request, written when its answer has been sent, with the request id, correlation id, agency,
 * purpose, operation name and hash, status, duration, departments called and cost — never
 * variables, answers or national IDs.
 */
export function createRequestObserver(options: RequestObserverOptions): RequestObserver {
  const { metrics, logger, registry } = options;
  const known = new Set([...KNOWN_OPERATIONS, ...(options.operationNames ?? [])]);
  const open = new Map<string, Observation>();
  const observationOf = (requestId: string): Observation => {
    let found = open.get(requestId);
    if (!found) {
      found = { operations: [], departments: new Set(), responses: [], codes: [], hasData: false };
      if (open.size >= MAX_OPEN) dropOldest(open);
      open.set(requestId, found);
    }
    return found;
  };
  const finish = (res: ServerResponse, started: number, traceId: string | undefined) => {
    const seconds = (performance.now() - started) / 1000;
    const requestId = String(res.getHeader('x-request-id') ?? '');
    const seen = open.get(requestId);
    open.delete(requestId);
    if (seen) readAnswers(seen);
    const outcome = outcomeOf(res.statusCode, seen);
    const context = seen?.context;
    const operation = operationLabel(seen?.operations[0]?.name ?? null, known);
    const labels = {
      operation,
      agency: agencyLabel(context?.caller),
      purpose: purposeLabel(context?.purpose ?? null, registry),
      outcome,
    };
    metrics.requests.inc(labels);
    metrics.requestDuration.observe({ operation, outcome }, seconds);
    for (const code of seen?.codes ?? []) {
      metrics.errors.inc({ code: isRegisteredCode(code) ? code : 'UNREGISTERED' });
    }
    const denied = context?.access?.denied.length ? context.access : undefined;
    if (denied) metrics.policyDenials.inc({ level: denied.level });
    const line = accessLine(requestId, res.statusCode, seconds, labels, seen);
    logger.info(traceId ? { ...line, traceId } : line, 'access');
  };
  return {
    plugin: () => ({
      async requestDidStart({ contextValue }) {
        const seen = observationOf(contextValue.requestId);
        seen.context = contextValue;
        return {
          // Here, not in didResolveOperation: an operation the policy denies stops that hook.
          // The answer is read when the request finishes: other plugins' willSendResponse run
          // beside this one and may still replace it (the audit plugin withholds data).
          async willSendResponse({ response, operationName, queryHash }) {
            seen.operations.push({ name: operationName ?? null, hash: queryHash ?? '' });
            seen.responses.push(response);
          },
        };
      },
    }),
    fetched(context, department, seconds, outcome) {
      metrics.departmentFetchDuration.observe({ department, outcome }, seconds);
      const requestId = (context as { requestId?: unknown } | undefined)?.requestId;
      if (typeof requestId === 'string') open.get(requestId)?.departments.add(department);
    },
    begin(_req, res, traceId) {
      const started = performance.now();
      res.once('close', () => finish(res, started, traceId));
    },
  };
}

type Labels = { operation: string; agency: string; purpose: string; outcome: string };

function accessLine(
  requestId: string,
  status: number,
  seconds: number,
  labels: Labels,
  seen: Observation | undefined,
): Record<string, unknown> {
  const context = seen?.context;
  const first = seen?.operations[0];
  return {
    requestId,
    correlationId: withoutNationalId(context?.correlationId ?? null),
    agency: labels.agency,
    purpose: context?.purpose && labels.purpose !== 'other' ? context.purpose : labels.purpose,
    // A name the caller chose could hold anything (a national ID); the hash tells documents apart.
    operationName: first ? labels.operation : null,
    operationHash: context?.access?.operationHash ?? first?.hash ?? null,
    ...(seen && seen.operations.length > 1 ? { operations: seen.operations.length } : {}),
    status,
    outcome: labels.outcome,
    durationMs: Math.round(seconds * 1000 * 10) / 10,
    departments: [...(seen?.departments ?? [])].sort(),
    cost: context?.cost ?? null,
    errors: [...new Set(seen?.codes ?? [])],
    cached: context?.ledger.cached ?? false,
  };
}

function outcomeOf(status: number, seen: Observation | undefined): string {
  if (status >= 500) return 'error';
  if (status >= 400) return 'refused';
  if (!seen || seen.codes.length === 0) return 'ok';
  return seen.hasData ? 'partial' : 'error';
}

function operationLabel(name: string | null, known: ReadonlySet<string>): string {
  if (name === null) return 'anonymous';
  return known.has(name) ? name : 'other';
}

function agencyLabel(caller: Caller | undefined): string {
  if (!caller) return 'unidentified';
  return caller.kind === 'agency' ? caller.agencyId : caller.kind;
}

function purposeLabel(purpose: string | null, registry: AccessRegistry | undefined): string {
  if (!purpose) return 'none';
  return registry?.purpose(purpose) ? purpose : 'other';
}

function dropOldest(open: Map<string, Observation>): void {
  const oldest = open.keys().next();
  if (!oldest.done) open.delete(oldest.value);
}

// The answers as sent: their error codes, and whether any carried data.
function readAnswers(seen: Observation): void {
  for (const response of seen.responses) {
    if (response.body.kind !== 'single') continue;
    const result = response.body.singleResult;
    if (result.data) seen.hasData = true;
    for (const error of result.errors ?? []) {
      seen.codes.push(String(error.extensions?.code ?? 'UNREGISTERED'));
    }
  }
  seen.responses = [];
}

// 17 digits and a check character: what a national ID looks like (docs/access.md).
const NATIONAL_ID_LIKE = /\d{17}[\dXx]/;

/** The caller's correlation id, unless it looks like it carries a national ID. */
function withoutNationalId(correlationId: string | null): string | null {
  if (correlationId === null) return null;
  return NATIONAL_ID_LIKE.test(correlationId) ? 'dropped: looks like a national ID' : correlationId;
}
