import { channel } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { startTracing, type Tracing } from '@govgraph/server';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// The document service-desk apps send, exactly as committed at the repository root.
const citizenRecord = readFileSync(
  new URL('../../citizen-record.graphql', import.meta.url),
  'utf8',
);

const SERVER = 1; // SpanKind.SERVER
const CLIENT = 2; // SpanKind.CLIENT

/** Every `traceparent` (or its absence) a department received on /graphql, as Node saw it. */
function departmentTraceparents(gatewayPort: () => number) {
  const seen: (string | undefined)[] = [];
  const onRequest = (message: unknown) => {
    const req = (message as { request: IncomingMessage }).request;
    if (req.socket.localPort === gatewayPort() || !req.url?.startsWith('/graphql')) return;
    const header = req.headers.traceparent;
    seen.push(typeof header === 'string' ? header : undefined);
  };
  // Held here: a channel nobody references may be collected with its subscribers.
  const requests = channel('http.server.request.start');
  requests.subscribe(onRequest);
  return { seen, stop: () => requests.unsubscribe(onRequest) };
}

const isGatewayServer = (s: ReadableSpan) =>
  s.kind === SERVER && s.attributes['govgraph.department'] === undefined;

// The in-memory exporter stands in for the collector: gateway and departments run in this
// process (testHub), so it sees both sides of every fetch. Tracing starts once per process, as
// in production (Apollo's tracer keeps the first provider it saw), and is turned off by the last
// test only.
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'govgraph-test', exporter });
});
afterAll(async () => {
  await tracing?.shutdown();
});

// Both engines: the SQL spans come from the data layer's statement hook, whichever it drives.
describe.each([
  ['sqlite', 'sqlite'],
  ['postgres', 'postgresql'],
] as const)(
  'OpenTelemetry tracing through the gateway and the departments (%s)',
  (engine, dbSystem) => {
    let t: TestHub;
    let gatewayPort = 0;
    let departmentHeaders: ReturnType<typeof departmentTraceparents>;

    beforeAll(async () => {
      t = await startTestHub(engine, 400);
      gatewayPort = Number(new URL(t.hub.graphqlUrl).port);
      departmentHeaders = departmentTraceparents(() => gatewayPort);
    });
    afterAll(async () => {
      departmentHeaders?.stop();
      await t?.stop();
    });

    // The gateway's server span ends when the answer has been sent: wait for it.
    async function spansOfRequest(): Promise<ReadableSpan[]> {
      for (let i = 0; i < 100 && !exporter.getFinishedSpans().some(isGatewayServer); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const server = exporter.getFinishedSpans().find(isGatewayServer);
      if (!server) throw new Error('the gateway recorded no server span');
      const traceId = server.spanContext().traceId;
      return exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    }

    function record(index: number) {
      return t.world.person(t.world.company(index).representativeIndex).nationalId;
    }

    it('a citizen record is one trace: a client span per department fetch, each department’s server span under it, SQL under those', async () => {
      exporter.reset();
      const nationalId = record(3);
      const res = await t.query(citizenRecord, { nationalId });
      expect(res.errors).toBeUndefined();
      const spans = await spansOfRequest();
      // No server span or fetch of this request left its trace. (The access registry's background
      // refresh reads the hub store in traces of its own.)
      const all = exporter
        .getFinishedSpans()
        .filter((s) => s.kind === SERVER || s.name.startsWith('fetch '));
      expect(all.every((s) => spans.includes(s))).toBe(true);

      const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
      const fetches = spans.filter((s) => s.kind === CLIENT && s.name.startsWith('fetch '));
      const departmentServers = spans.filter(
        (s) => s.kind === SERVER && s.attributes['govgraph.department'] !== undefined,
      );
      const fetched = new Set(fetches.map((s) => s.attributes['govgraph.department']));
      // The citizen record reads most departments.
      for (const d of ['population', 'market', 'housing', 'tax', 'social']) {
        expect(fetched).toContain(d);
      }
      // Each fetch reached its department: one server span there, parented by the fetch's span.
      expect(departmentServers).toHaveLength(fetches.length);
      for (const fetch of fetches) {
        const children = departmentServers.filter(
          (s) => s.parentSpanId === fetch.spanContext().spanId,
        );
        expect(children).toHaveLength(1);
        expect(children[0]?.attributes['govgraph.department']).toBe(
          fetch.attributes['govgraph.department'],
        );
        expect(fetch.attributes['govgraph.fetch.outcome']).toBe('ok');
      }
      // SQL statements are spans under the department's server span (kind and table only).
      const statements = spans.filter((s) => s.attributes['db.system'] === dbSystem);
      expect(statements.length).toBeGreaterThan(0);
      const underDepartment = (s: ReadableSpan): boolean => {
        const parent = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
        if (!parent) return false;
        return departmentServers.includes(parent) || underDepartment(parent);
      };
      const departmentStatements = statements.filter(underDepartment);
      expect(departmentStatements.length).toBeGreaterThan(0);
      // The others are the hub store's: the audit record's append, under the gateway's span.
      const server = spans.find(isGatewayServer);
      for (const s of statements.filter((x) => !underDepartment(x))) {
        expect(s.parentSpanId).toBe(server?.spanContext().spanId);
      }
      expect(statements.some((s) => s.attributes['db.collection.name'] === 'audit_records')).toBe(
        true,
      );
      const population = departmentServers.find(
        (s) => s.attributes['govgraph.department'] === 'population',
      );
      expect(
        statements.some(
          (s) =>
            s.parentSpanId === population?.spanContext().spanId &&
            s.attributes['db.operation.name'] === 'SELECT',
        ),
      ).toBe(true);
      // The policy and cost checks are spans of the request too.
      const checks = spans.filter((s) => s.name === 'access policy' || s.name === 'cost estimate');
      expect(checks.map((s) => s.name).sort()).toEqual(['access policy', 'cost estimate']);
      expect(checks.find((s) => s.name === 'access policy')?.attributes).toMatchObject({
        'govgraph.policy.denied': 0,
      });
      // No span holds the national ID asked for, nor SQL text with its values.
      for (const span of spans) {
        expect(JSON.stringify(span.attributes)).not.toContain(nationalId);
        expect(span.name).not.toContain(nationalId);
      }
    });

    it('continues a W3C traceparent the caller sends', async () => {
      exporter.reset();
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const parent = '00f067aa0ba902b7';
      const res = await t.query(
        citizenRecord,
        { nationalId: record(10) },
        { traceparent: `00-${traceId}-${parent}-01` },
      );
      expect(res.errors).toBeUndefined();
      const spans = await spansOfRequest();
      const server = spans.find(isGatewayServer);
      expect(server?.spanContext().traceId).toBe(traceId);
      expect(server?.parentSpanId).toBe(parent);
      expect(spans.filter((s) => s.kind === SERVER).length).toBeGreaterThan(5);
      // What the departments received: the fetch spans' context, in the caller's trace.
      const sent = departmentHeaders.seen.filter((h) => h?.includes(traceId));
      expect(sent.length).toBe(spans.filter((s) => s.name.startsWith('fetch ')).length);
    });

    it('keeps a national ID written into the operation name out of every span', async () => {
      exporter.reset();
      const nationalId = record(30);
      const res = await t.query(
        `query P${nationalId}($id: NationalId!) { person(nationalId: $id) { name } }`,
        { id: nationalId },
      );
      expect(res.errors).toBeUndefined();
      const spans = await spansOfRequest();
      expect(spans.some((s) => s.name.startsWith('fetch '))).toBe(true);
      for (const span of spans) {
        expect(JSON.stringify([span.name, span.attributes, span.events])).not.toContain(nationalId);
      }
      // The executor's span recorded the name; it was dropped before export.
      const names = spans.map((s) => s.attributes['graphql.operation.name']);
      expect(names).toContain('dropped: looks like a national ID');
    });
  },
);

// Last in the file, so that tracing stays on for every test above (Apollo's tracer keeps the
// first provider it saw, so tracing cannot be started again in this process).
describe('OpenTelemetry tracing turned off', () => {
  let t: TestHub;
  let gatewayPort = 0;
  let departmentHeaders: ReturnType<typeof departmentTraceparents>;

  beforeAll(async () => {
    t = await startTestHub('sqlite', 400);
    gatewayPort = Number(new URL(t.hub.graphqlUrl).port);
    departmentHeaders = departmentTraceparents(() => gatewayPort);
  });
  afterAll(async () => {
    departmentHeaders?.stop();
    await t?.stop();
  });

  it('records no span and sends departments no traceparent', async () => {
    await tracing.shutdown();
    exporter.reset();
    departmentHeaders.seen.length = 0;
    const nationalId = t.world.person(t.world.company(20).representativeIndex).nationalId;
    const res = await t.query(
      citizenRecord,
      { nationalId },
      // A caller's traceparent is not passed on either.
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    );
    expect(res.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(departmentHeaders.seen.length).toBeGreaterThan(0);
    expect(departmentHeaders.seen.every((h) => h === undefined)).toBe(true);
  });
});
