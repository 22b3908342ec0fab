import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Attributes,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** The tracer's name on every span the hub makes (the gateway's and the departments'). */
export const TRACER_NAME = 'govgraph';

export interface TracingOptions {
  /** `service.name` when `OTEL_SERVICE_NAME` is not set (e.g. `govgraph-gateway`). */
  serviceName: string;
  /** Where the standard variables are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * Sends every span here, one by one, instead of to the OTLP endpoint, and turns tracing on
   * without one (tests: the SDK's `InMemorySpanExporter`).
   */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** True when this call turned tracing on (or it already was, in this process). */
  enabled: boolean;
  /** Sends the spans still buffered and turns tracing off again. */
  shutdown(): Promise<void>;
}

// One provider per process: `npm start` and the tests run the departments and the gateway in
// one process, and each of them asks for tracing.
let provider: NodeTracerProvider | undefined;

/** True while a tracer provider is set up: every helper below is a no-op otherwise. */
export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/**
 * Sets up OpenTelemetry tracing when the standard variables ask for it: an OTLP/HTTP exporter
 * to `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), sampled by
 * `OTEL_TRACES_SAMPLER`, named by `OTEL_SERVICE_NAME`, W3C `traceparent` propagation. Off by
 * default (no endpoint, `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`): then nothing
 * is set up and requests pay one boolean test.
 */
export function startTracing(options: TracingOptions): Tracing {
  const off: Tracing = { enabled: false, shutdown: async () => {} };
  if (provider) return { enabled: true, shutdown: async () => {} };
  const env = options.env ?? process.env;
  if (!options.exporter && !wantsTracing(env)) return off;
  const exporter = options.exporter;
  const resource = new Resource({
    [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || options.serviceName,
  }).merge(envDetectorSync.detect());
  const created = new NodeTracerProvider({
    resource,
    spanProcessors: [
      withoutNationalIds(
        exporter
          ? new SimpleSpanProcessor(exporter)
          : new BatchSpanProcessor(new OTLPTraceExporter()),
      ),
    ],
  });
  created.register();
  provider = created;
  return { enabled: true, shutdown: () => stopTracing(created) };
}

// 17 digits and a check character: what a national ID looks like (docs/access.md).
const NATIONAL_ID_LIKE = /\d{17}[\dXx]/;

/**
 * Drops span attributes that look like they carry a national ID before a span leaves the
 * process. The hub's own spans never hold one; Apollo's record the operation name, which the
 * caller chooses and could write one into.
 */
function withoutNationalIds(next: SpanProcessor): SpanProcessor {
  return {
    onStart: (span, parent) => next.onStart(span, parent),
    onEnd(span: ReadableSpan) {
      const attributes: Attributes = span.attributes;
      for (const [key, value] of Object.entries(attributes)) {
        if (typeof value === 'string' && NATIONAL_ID_LIKE.test(value)) {
          attributes[key] = 'dropped: looks like a national ID';
        }
      }
      next.onEnd(span);
    },
    forceFlush: () => next.forceFlush(),
    shutdown: () => next.shutdown(),
  };
}

function wantsTracing(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

async function stopTracing(stopping: NodeTracerProvider): Promise<void> {
  if (provider !== stopping) return;
  provider = undefined;
  await stopping.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

const headerGetter: TextMapGetter<IncomingMessage['headers']> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => headers[key],
};

/**
 * Runs `handle` inside a server span for one HTTP request, continuing the caller's W3C
 * `traceparent` when it sends one; the span ends when the answer has been sent. With tracing
 * off, `handle` runs as it is.
 */
export function traceRequest(
  req: IncomingMessage,
  res: ServerResponse,
  attributes: Attributes,
  handle: () => void,
): void {
  if (!provider) {
    handle();
    return;
  }
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  // From the headers only, never from whatever context the socket happened to open in.
  const parent = propagation.extract(ROOT_CONTEXT, req.headers, headerGetter);
  const span = trace.getTracer(TRACER_NAME).startSpan(
    `${method} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'url.path': path, ...attributes },
    },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), handle);
}

/** Runs `work` inside a span of its own (a child of the active one); with tracing off, as it is. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!provider) return work(undefined);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Runs synchronous `work` inside an internal span (a child of the active one), which `describe`
 * may annotate with its result; with tracing off, `work` runs as it is.
 */
export function inSyncSpan<T>(
  name: string,
  work: () => T,
  describe?: (result: T) => Attributes,
): T {
  if (!provider) return work();
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind: SpanKind.INTERNAL });
  try {
    const result = work();
    if (describe) span.setAttributes(describe(result));
    return result;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** Writes the active span's `traceparent` into outgoing headers; with tracing off, nothing. */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  if (!provider) return;
  propagation.inject(context.active(), headers, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
}

/** The active trace's id (32 hex digits), or undefined when there is none or tracing is off. */
export function activeTraceId(): string | undefined {
  if (!provider) return undefined;
  const span = trace.getActiveSpan();
  return span?.spanContext().traceId;
}

// The table a statement reads or writes: after from / into / update / join, quoted or not.
const TABLE = /\b(?:from|into|update|join)\s+"?([\w.]+)"?/i;
// A statement that inserts is named for the table it inserts into, even when a CTE before the
// insert updates another (the PostgreSQL audit append moves the head, then inserts records).
const INSERTED = /\binsert\s+into\s+"?([\w.]+)"?/i;

/**
 * A span for one SQL statement that has just run, started `durationMs` ago, as a child of the
 * active span. It names the statement's kind and table only — never the SQL text or its
 * parameters (they hold national IDs).
 */
export function recordStatementSpan(
  sql: string,
  system: 'postgresql' | 'sqlite',
  durationMs: number,
  failed: boolean,
): void {
  if (!provider) return;
  const operation = (/^\s*(\w+)/.exec(sql)?.[1] ?? 'other').toUpperCase();
  const table = (INSERTED.exec(sql) ?? TABLE.exec(sql))?.[1];
  const end = Date.now();
  const span = trace.getTracer(TRACER_NAME).startSpan(table ? `${operation} ${table}` : operation, {
    kind: SpanKind.CLIENT,
    startTime: end - durationMs,
    attributes: {
      'db.system': system,
      'db.operation.name': operation,
      ...(table ? { 'db.collection.name': table } : {}),
    },
  });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(end);
}

export { SpanKind };
