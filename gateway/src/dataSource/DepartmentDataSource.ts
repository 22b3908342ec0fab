import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { MAX_BATCHED_OPERATIONS } from '@govgraph/department';
import { ensureError } from '@govgraph/schema';
import {
  CALLER_TOKEN_HEADER,
  type CallerTokenSigner,
  injectTraceContext,
  inSpan,
  type Logger,
  type RequestScope,
  SpanKind,
} from '@govgraph/server';
import type { GraphQLFormattedError } from 'graphql';
import { callerTokenFor } from '../access/callerTokenFor.js';
import { takeSubjects } from '../audit/takeSubjects.js';
import { cachedFetch } from '../cache/cachedFetch.js';
import type { GatewayCache } from '../cache/createGatewayCache.js';
import type { GatewayContext } from '../context.js';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';
import type { FetchOutcome } from '../observe/requestObserver.js';
import { NULLING_CODES } from '../plugins/useOneErrorPerDepartment.js';
import {
  fromDepartment,
  passesThrough,
  refusedError,
  tooLargeError,
  UNAVAILABLE_STATUSES,
  unavailableError,
} from './departmentErrors.js';
import { type DepartmentGuard, DepartmentRefusedError } from './departmentGuard.js';
import { createFetchBatcher, type FetchBatcher } from './fetchBatcher.js';
import { atPaths, nulledPaths } from './nulledPaths.js';
import { type PersistedForm, PersistedQueries } from './persistedQueries.js';
import { ResponseTooLargeError, timeoutFetcher } from './timeoutFetcher.js';

type ProcessOptions = Parameters<RemoteGraphQLDataSource['process']>[0];
type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface DepartmentDataSourceOptions {
  /** The subgraph's name in the supergraph; callers see it as `extensions.department`. */
  name: string;
  url: string;
  /** Used when a request has no logger of its own (health checks). */
  logger: Logger;
  /** How long one fetch may take before the department counts as unavailable. @default 5000 */
  timeoutMs?: number;
  /** The gateway's caches; fetches go through them when set. */
  cache?: GatewayCache;
  /** Signs the caller token (`x-govgraph-caller`) departments require on every fetch. */
  callerToken?: CallerTokenSigner;
  /** The department's concurrency limit and circuit breaker; none: every fetch is sent. */
  guard?: DepartmentGuard;
  /** The largest answer read from the department; a larger one is its error. @default unlimited */
  maxResponseBytes?: number;
  /** Counts answers dropped for their size (`govgraph_department_rejections_total`). */
  metrics?: GatewayMetrics;
  /** Told when each real fetch ends (cache hits excluded): the request metrics and access log. */
  onFetch?: (context: unknown, department: string, seconds: number, outcome: FetchOutcome) => void;
  /**
   * The most queries of one request that leave for the department together in one batched
   * POST (docs/architecture.md#batched-department-fetches); 1 sends every fetch alone.
   * @default MAX_BATCHED_OPERATIONS (16), what a department takes
   */
  batchOperations?: number;
  /**
   * Sends a query the department has run before by its hash instead of its text (automatic
   * persisted queries, docs/architecture.md#persisted-department-queries). Off only for a
   * subgraph that neither takes persisted queries nor refuses them with
   * PERSISTED_QUERY_NOT_SUPPORTED. @default true
   */
  persistedQueries?: boolean;
}

/**
 * How the gateway talks to one department: a timeout per fetch, the caller's request id
 * forwarded as `x-request-id`, the request's signed caller token as `x-govgraph-caller`, fetches
 * through the gateway's caches when it has them, every fetch through the department's guard
 * (concurrency limit and circuit breaker) and read up to a size cap, and every failure turned
 * into a public error that names the department, so one department down, hanging or answering
 * too much never costs the caller the others' data.
 */
export class DepartmentDataSource extends RemoteGraphQLDataSource {
  readonly department: string;
  readonly timeoutMs: number;
  readonly #logger: Logger;
  readonly #cache: GatewayCache | undefined;
  readonly #callerToken: CallerTokenSigner | undefined;
  readonly #guard: DepartmentGuard | undefined;
  readonly #metrics: GatewayMetrics | undefined;
  readonly #onFetch: DepartmentDataSourceOptions['onFetch'];
  /** Sends the fetches (`sendRequest` below), a request's queries that leave together as one. */
  readonly batcher: FetchBatcher;
  /** The queries the department holds by hash; none when persisted queries are off. */
  readonly persistedQueries: PersistedQueries | undefined;

  constructor(options: DepartmentDataSourceOptions) {
    const timeoutMs = options.timeoutMs ?? 5000;
    const { maxResponseBytes } = options;
    const fetcher = timeoutFetcher(timeoutMs, maxResponseBytes ? { maxResponseBytes } : {});
    super({ url: options.url, fetcher });
    this.batcher = createFetchBatcher(fetcher, {
      maxOperations: options.batchOperations ?? MAX_BATCHED_OPERATIONS,
    });
    this.persistedQueries = options.persistedQueries === false ? undefined : new PersistedQueries();
    this.department = options.name;
    this.timeoutMs = timeoutMs;
    this.#logger = options.logger;
    this.#cache = options.cache;
    this.#callerToken = options.callerToken;
    this.#guard = options.guard;
    this.#metrics = options.metrics;
    this.#onFetch = options.onFetch;
  }

  // Runs before each subgraph fetch, once the HTTP request is built.
  override async willSendRequest(options: ProcessOptions): Promise<void> {
    const scope = scopeOf(options.context);
    if (!scope) return;
    const headers = options.request.http?.headers;
    headers?.set('x-request-id', scope.requestId);
    // The fetch's client span as the department's parent (W3C traceparent; tracing on only).
    if (headers) injectTraceContext(headers);
    // Departments refuse requests the gateway did not sign; one token serves the whole request.
    if (this.#callerToken && headers && isGatewayContext(scope)) {
      headers.set(CALLER_TOKEN_HEADER, callerTokenFor(this.#callerToken, scope));
    }
  }

  override async process(options: ProcessOptions): Promise<ProcessResult> {
    // Health checks and schema loading (no incoming request) keep Apollo's behaviour: they
    // should fail loudly. (The request-kind enum is not exported, hence the shape test.)
    if (!('incomingRequestContext' in options)) {
      return super.process(options);
    }
    // The entity cache answers what it can and sends only the rest through #fetch; its answer
    // is shaped like the department's (extensions.subjects by `_entities.<index>` included).
    const response = this.#cache
      ? await cachedFetch(this.#cache, this.department, options, (o) => this.#fetch(o))
      : await this.#fetch(options);
    // Fetched or cached, the subjects it carries are this request's (the audit record's).
    return takeSubjects(response, options.context);
  }

  // One real request to the department, timed and told to the observer.
  async #fetch(options: ProcessOptions): Promise<ProcessResult> {
    const attributes = { 'govgraph.department': this.department, 'url.full': this.url };
    return inSpan(`fetch ${this.department}`, SpanKind.CLIENT, attributes, async (span) => {
      const started = performance.now();
      const response = await this.#send(options);
      const seconds = (performance.now() - started) / 1000;
      const outcome = fetchOutcomeOf(response);
      span?.setAttribute('govgraph.fetch.outcome', outcome);
      this.#onFetch?.(options.context, this.department, seconds, outcome);
      return response;
    });
  }

  // One real request to the department, its failures turned into public errors.
  async #send(options: ProcessOptions): Promise<ProcessResult> {
    const log = scopeOf(options.context)?.logger ?? this.#logger;
    let response: ProcessResult;
    try {
      // Through the guard: refused at once while the department's circuit is open or it is full.
      const send = () => super.process(options);
      response = this.#guard ? await this.#guard.run(send) : await send();
    } catch (error) {
      return { errors: withNulledPaths(this.#failure(error, log), options) };
    }
    if (!response.errors) return response;
    this.#logUnclassified(response.errors, log);
    return { ...response, errors: response.errors.map((e) => fromDepartment(this.department, e)) };
  }

  #failure(error: unknown, log: Logger): GraphQLFormattedError[] {
    const department = this.department;
    if (error instanceof DepartmentRefusedError) {
      log.warn({ department, refusal: error.refusal }, 'department call refused');
      return [refusedError(department, error.refusal)];
    }
    if (error instanceof ResponseTooLargeError) {
      this.#metrics?.departmentRejections.inc({ department, reason: 'TOO_LARGE' });
      log.warn({ department, limit: error.limit }, 'department answer over the size cap dropped');
      return [tooLargeError(department, error.limit)];
    }
    const status = httpStatusOf(error);
    if (isDepartmentOutage(error)) {
      // Refused, reset, timed out or behind a failing proxy: the department is down, not wrong.
      log.warn({ department, err: error, status }, 'department unavailable');
      return [unavailableError(department, error, this.timeoutMs)];
    }
    // The department answered, but not with HTTP 200 and a JSON result (e.g. 400 or 500).
    const errors = status === undefined ? undefined : bodyErrorsOf(error);
    if (errors?.length) {
      this.#logUnclassified(errors, log);
      return errors.map((e) => fromDepartment(department, e));
    }
    log.error({ department, err: error, status }, 'department answered with no GraphQL result');
    return [fromDepartment(department, { message: 'no GraphQL result' })];
  }

  // The log keeps what the caller will not see: an unclassified department error in full.
  #logUnclassified(errors: readonly GraphQLFormattedError[], log: Logger): void {
    for (const error of errors) {
      if (passesThrough(error.extensions?.code)) continue;
      log.error({ department: this.department, departmentError: error }, 'department error');
    }
  }
}

/** True when a fetch failure says the department is down or hanging, not that it refused the request. */
export function isDepartmentOutage(error: unknown): boolean {
  const status = httpStatusOf(error);
  return isNetworkFailure(error) || (status !== undefined && UNAVAILABLE_STATUSES.has(status));
}

function fetchOutcomeOf(response: ProcessResult): FetchOutcome {
  const codes = (response.errors ?? []).map((e) => String(e.extensions?.code));
  if (codes.length === 0) return 'ok';
  return codes.some((c) => NULLING.has(c)) ? 'unavailable' : 'error';
}

const NULLING: ReadonlySet<string> = new Set(NULLING_CODES);

// A fetch that failed as a whole nulls every field it asked for: each error names them by path.
function withNulledPaths(
  errors: GraphQLFormattedError[],
  options: ProcessOptions,
): GraphQLFormattedError[] {
  const paths = nulledPaths({
    query: options.request.query ?? '',
    ...('document' in options && options.document ? { document: options.document } : {}),
    ...(options.request.variables ? { variables: options.request.variables } : {}),
  });
  return errors.flatMap((error) =>
    error.path || !NULLING.has(String(error.extensions?.code)) ? [error] : atPaths(error, paths),
  );
}

function isGatewayContext(scope: RequestScope): scope is GatewayContext {
  return 'caller' in scope;
}

function scopeOf(context: unknown): RequestScope | undefined {
  const scope = context as Partial<RequestScope> | undefined;
  return typeof scope?.requestId === 'string' && scope.logger ? (scope as RequestScope) : undefined;
}

// Undici reports a refused or reset connection as a TypeError ("fetch failed"); an expired
// AbortSignal.timeout as a TimeoutError.
function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

interface FailedResponse {
  status?: number;
  body?: unknown;
}

// `RemoteGraphQLDataSource.errorFromResponse` puts the HTTP status and body here. Read by
// shape, not `instanceof GraphQLError`: Apollo's CommonJS graphql may not be ours.
function failedResponseOf(error: unknown): FailedResponse | undefined {
  const extensions = (error as { extensions?: { response?: unknown } } | null)?.extensions;
  const response = extensions?.response;
  return typeof response === 'object' && response !== null
    ? (response as FailedResponse)
    : undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  const status = failedResponseOf(error)?.status;
  return typeof status === 'number' ? status : undefined;
}

function bodyErrorsOf(error: unknown): GraphQLFormattedError[] | undefined {
  const body = failedResponseOf(error)?.body as { errors?: unknown } | undefined;
  return Array.isArray(body?.errors) ? (body.errors as GraphQLFormattedError[]) : undefined;
}

type SendRequest = (
  this: DepartmentDataSource,
  request: ProcessOptions['request'],
  context: ProcessOptions['context'],
) => Promise<ProcessResult>;

// @apollo/gateway 2.14's `sendRequest` (RemoteGraphQLDataSource.js) builds a node-fetch `Request`
// on every fetch only to hand it to `parseBody` and `didEncounterError`, which read nothing of it
// here: its legacy `url.parse` and header checks were ~3% of the gateway's CPU on the citizen
// record. The same steps without it — same body, same errors, same result. TypeScript declares
// the base method private, so it is replaced on the prototype; a test asserts it is in place.
const sendRequest: SendRequest = async function sendRequest(request, context) {
  if (!request.http) throw new Error("Internal error: Only 'http' requests are supported.");
  const { http, ...operation } = request;
  const headers = Object.fromEntries(http.headers);
  const batchable = isQuery(operation.query);
  // A query goes by hash once the department holds its text (persistedQueries.ts).
  const persisted =
    batchable && operation.query !== undefined && this.persistedQueries?.supported
      ? { queries: this.persistedQueries, hash: this.persistedQueries.hashOf(operation.query) }
      : undefined;
  let form: PersistedForm = persisted ? persisted.queries.formFor(persisted.hash) : 'text';
  // At most three sends: the hash, then hash and text (not found), then the text (not supported).
  for (;;) {
    const body = bodyOf(operation, form, persisted?.hash);
    let response: Awaited<ReturnType<DepartmentDataSource['fetcher']>> | undefined;
    let result: ProcessResult;
    try {
      response = await this.batcher.fetch(
        http.url,
        { method: http.method, headers, body },
        batchable,
      );
      if (!response.ok) throw await this.errorFromResponse(response);
      const parsed: unknown = await this.parseBody(response);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`Expected JSON response body, but received: ${parsed}`);
      }
      result = { ...parsed, http: response } as ProcessResult;
    } catch (error) {
      this.didEncounterError(ensureError(error), undefined as never, response, context, request);
      throw error;
    }
    const again = persisted?.queries.again(persisted.hash, form, result);
    if (again === undefined) return result;
    form = again;
  }
};

type Operation = Omit<ProcessOptions['request'], 'http'>;

/** The JSON body of one operation sent as `form`: Apollo's persisted-query extension for a hash. */
function bodyOf(operation: Operation, form: PersistedForm, queryHash: string | undefined): string {
  if (form === 'text' || queryHash === undefined) return JSON.stringify(operation);
  return JSON.stringify({
    ...operation,
    query: form === 'both' ? operation.query : undefined,
    extensions: { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: queryHash } },
  });
}

/**
 * Whether a fetch is a query, which may share a batched request. The query planner writes every
 * fetch as `query …` or `mutation …`; anything else is sent alone.
 */
function isQuery(text: string | undefined): boolean {
  return text !== undefined && /^\s*(?:query\b|\{)/.test(text);
}

Object.defineProperty(DepartmentDataSource.prototype, 'sendRequest', {
  value: sendRequest,
  writable: true,
  configurable: true,
});
