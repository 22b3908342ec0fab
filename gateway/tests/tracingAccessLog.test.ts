import { startTracing } from '@govgraph/server';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { residents } from './support/departments/accessDepartments.js';
import {
  createHubTester,
  type HubTester,
  LI,
  MemoryRegistry,
  memoryLogger,
} from './support/index.js';

const CALLER = { 'x-api-key': 'k-res', 'x-purpose': 'residence-check' };
const QUERY = 'query CitizenRecord($id: NationalId!) { person(nationalId: $id) { name } }';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

describe('the access log line carries the trace id', () => {
  let hub: HubTester;
  const log = memoryLogger();
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    const registry = new MemoryRegistry()
      .addAgency({ agencyId: 'city-res', name: 'City residence', roles: [], apiKey: 'k-res' })
      .addPurpose('residence-check')
      .grant('city-res', 'residence-check', ['Query.person', 'Person.name']);
    hub = await createHubTester({
      departments: [residents],
      registry,
      gateway: { logger: log.logger },
    });
  });

  afterAll(async () => {
    await hub?.close();
  });

  // The line is written once the answer has been sent: wait for it, not for a fixed time.
  async function accessLineOf(headers: Record<string, string>) {
    const res = await fetch(hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CALLER, ...headers },
      body: JSON.stringify({ query: QUERY, variables: { id: LI } }),
    });
    expect(await res.json()).toEqual({ data: { person: { name: 'Li Wei' } } });
    const requestId = res.headers.get('x-request-id');
    for (let i = 0; i < 100; i++) {
      const line = log.lines.find((l) => l.msg === 'access' && l.requestId === requestId);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no access line');
  }

  it('tracing on: the trace id of the request, continuing the caller’s traceparent', async () => {
    const tracing = startTracing({ serviceName: 'gateway-test', exporter });
    try {
      const line = await accessLineOf({ traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` });
      expect(line.traceId).toBe(TRACE_ID);
      const server = exporter.getFinishedSpans().find((s) => s.name === 'POST /graphql');
      expect(server?.spanContext().traceId).toBe(TRACE_ID);
      // A request without one starts its own trace, logged too.
      const own = await accessLineOf({});
      expect(own.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(own.traceId).not.toBe(TRACE_ID);
    } finally {
      await tracing.shutdown();
    }
  });

  it('tracing off: no traceId field', async () => {
    const line = await accessLineOf({ traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` });
    expect(line).not.toHaveProperty('traceId');
  });
});
