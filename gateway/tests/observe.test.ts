import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  CITY_TAX,
  callerHeaders,
  createHubTester,
  type HubTester,
  LI,
  MemoryRegistry,
  memoryLogger,
  TAX_ASSESSMENT,
  WANG,
} from './support/index.js';

const TAX = callerHeaders({ as: CITY_TAX, purpose: TAX_ASSESSMENT });
// Named like the trusted document, so it is counted under its own name.
const RECORD = `query CitizenRecord($nationalId: NationalId!) {
  person(nationalId: $nationalId) { name taxDue }
}`;

describe('request metrics and the access log', () => {
  let hub: HubTester;
  const tax = () => hub.department(taxes.name);
  const log = memoryLogger();
  const accessLines = () => log.lines.filter((l) => l.msg === 'access');
  const metricsText = async () => (await fetch(`${hub.url}/metrics`)).text();
  const send = async (
    body: unknown,
    headers: Record<string, string> = TAX,
  ): Promise<{ res: Response; json: unknown }> => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { res, json: await res.json() };
  };
  // The line is written once the answer has been sent: wait for it, not for a fixed time.
  const lineFor = async (requestId: string | null) => {
    for (let i = 0; i < 100; i++) {
      const found = accessLines().filter((l) => l.requestId === requestId);
      if (found.length > 0) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return [];
  };

  beforeAll(async () => {
    const registry = new MemoryRegistry()
      .addAgency(CITY_TAX)
      .addPurpose(TAX_ASSESSMENT)
      .grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Query.person', 'Person.name', 'Person.taxDue']);
    hub = await createHubTester({
      departments: [residents, taxes],
      registry,
      gateway: { logger: log.logger },
    });
  });

  beforeEach(() => {
    log.lines.length = 0;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('logs a citizen-record request in exactly one line, with no national ID in it', async () => {
    const { res, json } = await send(
      { query: RECORD, variables: { nationalId: LI } },
      { ...TAX, 'x-request-id': 'desk-42' },
    );
    expect(json).toEqual({ data: { person: { name: 'Li Wei', taxDue: '1200.00' } } });
    const requestId = res.headers.get('x-request-id');
    const lines = await lineFor(requestId);
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? {};
    expect(line).toMatchObject({
      level: 30,
      msg: 'access',
      requestId,
      correlationId: 'desk-42',
      agency: 'city-tax',
      purpose: 'tax-assessment',
      operationName: 'CitizenRecord',
      status: 200,
      outcome: 'ok',
      departments: ['residents', 'taxes'],
      errors: [],
    });
    expect(line.operationHash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof line.durationMs).toBe('number');
    expect(line.cost).toMatchObject({ estimated: expect.any(Number) });
    // Only one line for this request, from any part of the gateway, carries a national ID? None.
    const serialized = JSON.stringify(line);
    expect(serialized).not.toContain(LI);
    expect(serialized).not.toContain(LI.slice(0, 17));
    expect(serialized).not.toContain('Li Wei');
    expect(accessLines()).toHaveLength(1);
  });

  it('counts the request by operation, agency, purpose and outcome; per-department fetch latency', async () => {
    await send({ query: RECORD, variables: { nationalId: WANG } });
    const text = await metricsText();
    expect(text).toMatch(
      /govgraph_requests_total\{operation="CitizenRecord",agency="city-tax",purpose="tax-assessment",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(
      /govgraph_department_fetch_duration_seconds_count\{department="taxes",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(
      /govgraph_request_duration_seconds_count\{operation="CitizenRecord",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(/govgraph_query_plan_cache_total\{result="hit"\} [1-9]/);
    expect(text).toMatch(/govgraph_query_plan_cache_size [1-9]/);
  });

  it('each department serves its own requests, latency and errors at /metrics', async () => {
    await send({ query: RECORD, variables: { nationalId: LI } });
    const text = await (await fetch(tax().url.replace(/\/graphql$/, '/metrics'))).text();
    expect(text).toMatch(
      /govgraph_department_requests_total\{department="taxes",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(
      /govgraph_department_request_duration_seconds_count\{department="taxes",outcome="ok"\} [1-9]/,
    );
    expect(text).toContain('# TYPE govgraph_department_errors_total counter');
  });

  it('keeps labels bounded: unknown names, purposes and callers get a fixed label', async () => {
    const unknown = `query Nat${LI.slice(0, 17)}($nationalId: NationalId!) { person(nationalId: $nationalId) { name } }`;
    const { res } = await send(
      { query: unknown, variables: { nationalId: LI } },
      { 'x-api-key': 'k-tax', 'x-purpose': `p-${LI}` },
    );
    const [line] = await lineFor(res.headers.get('x-request-id'));
    // Neither a name nor a purpose the caller made up is logged as sent: the hash tells documents apart.
    expect(line).toMatchObject({ operationName: 'other', purpose: 'other' });
    expect(line?.operationHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(line)).not.toContain(LI.slice(0, 17));
    const text = await metricsText();
    expect(text).toMatch(
      /govgraph_requests_total\{operation="other",agency="city-tax",purpose="other"/,
    );
    expect(text).not.toContain(LI.slice(0, 17));
  });

  it('counts policy denials by level and errors by code, batches and GET included', async () => {
    const denied = '{ person(nationalId: "11010519491231002X") { name taxDue } }';
    // A JSON array body (batching) is refused at the edge: still one line, counted as refused.
    const { res } = await send(
      [
        { query: denied },
        { query: 'query CitizenRecord { person(nationalId: "11010519491231002X") { name } }' },
      ],
      { 'x-api-key': 'k-tax' },
    );
    expect(res.status).toBe(400);
    expect(await lineFor(res.headers.get('x-request-id'))).toHaveLength(1);
    // Denied by POST, with an alias and a fragment, and by GET.
    const post = await send(
      {
        query:
          '{ p: person(nationalId: "11010519491231002X") { ...F } } fragment F on Person { taxDue }',
      },
      { 'x-api-key': 'k-tax' },
    );
    expect(await lineFor(post.res.headers.get('x-request-id'))).toMatchObject([
      {
        status: 403,
        outcome: 'refused',
        agency: 'city-tax',
        purpose: 'none',
        errors: ['FORBIDDEN'],
      },
    ]);
    const get = await fetch(`${hub.url}/graphql?query=${encodeURIComponent(denied)}`, {
      headers: { 'x-api-key': 'k-tax', 'apollo-require-preflight': 'true' },
    });
    await get.text();
    expect(await lineFor(get.headers.get('x-request-id'))).toHaveLength(1);
    const text = await metricsText();
    expect(text).toMatch(/govgraph_policy_denials_total\{level="CONFIDENTIAL"\} [2-9]/);
    expect(text).toMatch(/govgraph_errors_total\{code="FORBIDDEN"\} [1-9]/);
  });

  it('drops a correlation id that carries a national ID', async () => {
    const { res } = await send(
      { query: RECORD, variables: { nationalId: LI } },
      { ...TAX, 'x-request-id': `case-${LI}` },
    );
    const [line] = await lineFor(res.headers.get('x-request-id'));
    expect(line?.correlationId).toBe('dropped: looks like a national ID');
    expect(JSON.stringify(line)).not.toContain(LI);
  });

  it('logs a refusal at the HTTP edge (bad key) in one line too', async () => {
    const { res } = await send(
      { query: RECORD, variables: { nationalId: LI } },
      { 'x-api-key': 'nope' },
    );
    expect(res.status).toBe(401);
    const lines = await lineFor(res.headers.get('x-request-id'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 401, outcome: 'refused', agency: 'unidentified' });
  });

  it('serves every metric the Grafana dashboard and the alert rules use', async () => {
    const root = new URL('../../docs/', import.meta.url);
    const dashboard = readFileSync(new URL('grafana-dashboard.json', root), 'utf8');
    const alerts = readFileSync(new URL('alerts.yml', root), 'utf8');
    const used = new Set(
      [...`${dashboard}\n${alerts}`.matchAll(/\b(govgraph_[a-z_]+)/g)].map((m) =>
        (m[1] ?? '').replace(/_(bucket|sum|count)$/, ''),
      ),
    );
    expect(used.size).toBeGreaterThan(8);
    // The gateway's /metrics and a department's together serve every one.
    const departmentText = await (await fetch(tax().url.replace(/\/graphql$/, '/metrics'))).text();
    const text = `${await metricsText()}\n${departmentText}`;
    const served = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
    expect([...used].filter((name) => !served.has(name))).toEqual([]);
    expect(alerts).toContain('DepartmentDown');
  });
});
