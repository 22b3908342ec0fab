import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { DepartmentGuardConfig } from '../src/dataSource/departmentGuardConfig.js';
import type { GatewayServer } from '../src/index.js';
import * as people from './support/departments/people.js';
import {
  firstError,
  postGraphQL,
  type RunningFixture,
  useFixtureGateways,
} from './support/index.js';

// docs/reliability.md, "A department that hangs, is slow or answers too much": the business
// department sits behind a real HTTP server whose behaviour the test switches: passing requests
// through, hanging, answering late, or streaming 10 MB.

type Mode = 'pass' | 'hang' | 'huge' | { delayMs: number };

interface Department {
  url: string;
  mode: Mode;
  /** Requests that reached it. */
  received: number;
  /** Bytes of the 10 MB answer written (the kernel's buffers take most of it at once). */
  hugeWritten: number;
  close(): Promise<void>;
}

const TEN_MB = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** Writes 10 MB of valid-looking JSON in 64 KB chunks, waiting whenever the socket is full. */
async function streamHuge(res: ServerResponse, department: Department): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  res.write('{"data":{"_entities":[{"name":"');
  while (department.hugeWritten < TEN_MB && !res.destroyed) {
    department.hugeWritten += chunk.length;
    if (!res.write(chunk)) {
      await new Promise((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  }
  if (!res.destroyed) res.end('"}]}}');
}

/** A department in front of `target` whose behaviour `mode` decides, switched by the test. */
async function startSwitchable(target: RunningFixture): Promise<Department> {
  const department: Department = {
    url: '',
    mode: 'pass',
    received: 0,
    hugeWritten: 0,
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    department.received++;
    const body = await readBody(req);
    const mode = department.mode;
    if (mode === 'hang') return;
    if (mode === 'huge') return streamHuge(res, department);
    if (typeof mode === 'object') await delay(mode.delayMs);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') {
        headers[name] = value;
      }
    }
    const answer = await fetch(target.url, { method: 'POST', headers, body });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  department.url = `http://127.0.0.1:${address.port}/graphql`;
  department.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return department;
}

const BOTH = `{ person(nationalId: "${people.LI}") { name companies { name } } }`;
const REGISTRY_ONLY = `{ person(nationalId: "${people.WANG}") { name } }`;
// Business only: the in-flight limit applies to every department, the registry included.
const COMPANY = '{ company(creditCode: "91350100M000100Y43") { name } }';
const TEA = { company: { name: 'Minjiang Tea Co.' } };
const LI_BOTH = { person: { name: 'Li Wei', companies: [{ name: 'Beijing Lantern Works' }] } };

async function timedPost(url: string, query: string) {
  const started = performance.now();
  const answer = await postGraphQL(url, query);
  return { ...answer, ms: performance.now() - started };
}

async function metricValue(
  gateway: GatewayServer,
  metric: 'departmentCircuitState' | 'departmentRejections',
  labels: { department: string; reason?: string },
): Promise<number> {
  const { values } = await gateway.metrics[metric].get();
  const match = values.find((v) => {
    const found: Record<string, unknown> = v.labels;
    return Object.entries(labels).every(([k, value]) => found[k] === value);
  });
  return match?.value ?? 0;
}

describe('a department that hangs, is slow or answers too much', () => {
  const fixtures = useFixtureGateways();
  let department: Department;

  const startGateway = (
    options: { subgraphTimeoutMs?: number; departmentGuard?: Partial<DepartmentGuardConfig> } = {},
  ) => fixtures.startGatewayServer({ subgraphUrls: { business: department.url }, ...options });

  afterEach(async () => {
    await department?.close();
  });

  it('stops calling a hanging department after the threshold, answers at once, and closes when it is back', async () => {
    department = await startSwitchable(fixtures.business);
    const cooldownMs = 1_500;
    const timeoutMs = 1_000;
    const { gateway, url } = await startGateway({
      subgraphTimeoutMs: timeoutMs,
      departmentGuard: { breakerFailures: 3, breakerCooldownMs: cooldownMs },
    });
    expect((await postGraphQL(url, BOTH)).body).toEqual({ data: LI_BOTH });

    department.mode = 'hang';
    for (let i = 0; i < 3; i++) {
      const { body } = await timedPost(url, BOTH);
      expect(body.data).toEqual({ person: { name: 'Li Wei', companies: null } });
      expect(firstError(body).message).toContain(`did not answer within ${timeoutMs} ms`);
    }
    expect(department.received).toBe(4);
    expect(await metricValue(gateway, 'departmentCircuitState', { department: 'business' })).toBe(
      1,
    );

    // Open: answered without calling the department or waiting for its timeout. The bound is
    // behavioural: a call that went out would take the whole 1 s timeout.
    const open = await timedPost(url, BOTH);
    console.info(`circuit open: answered in ${open.ms.toFixed(0)} ms (timeout ${timeoutMs} ms)`);
    expect(open.ms).toBeLessThan(timeoutMs / 2);
    expect(open.body.data).toEqual({ person: { name: 'Li Wei', companies: null } });
    expect(open.body.errors).toHaveLength(1);
    const error = firstError(open.body);
    expect(error.extensions).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
      department: 'business',
      reason: 'CIRCUIT_OPEN',
    });
    const retryAt = Date.parse(String(error.extensions?.retryAt));
    expect(retryAt - Date.now()).toBeGreaterThan(0);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(cooldownMs);
    expect(error.message).toContain('circuit open');
    expect(error.message).toContain(`tries it again at ${error.extensions?.retryAt}`);
    expect(open.text).not.toContain(new URL(department.url).port);
    expect(department.received).toBe(4);
    expect(
      await metricValue(gateway, 'departmentRejections', {
        department: 'business',
        reason: 'CIRCUIT_OPEN',
      }),
    ).toBe(1);

    // The department comes back; after the cooldown one probe call goes through and closes it.
    department.mode = 'pass';
    await delay(Math.max(0, retryAt - Date.now()) + 50);
    expect((await postGraphQL(url, BOTH)).body).toEqual({ data: LI_BOTH });
    expect(await metricValue(gateway, 'departmentCircuitState', { department: 'business' })).toBe(
      0,
    );
    expect((await postGraphQL(url, BOTH)).body).toEqual({ data: LI_BOTH });
    expect(department.received).toBe(6);
  });

  it('answers at once while the probe is in flight, and opens again when it fails', async () => {
    department = await startSwitchable(fixtures.business);
    department.mode = 'hang';
    const { gateway, url } = await startGateway({
      subgraphTimeoutMs: 1_000,
      departmentGuard: { breakerFailures: 1, breakerCooldownMs: 500 },
    });
    await postGraphQL(url, BOTH);
    const first = await postGraphQL(url, BOTH);
    const retryAt = Date.parse(String(firstError(first.body).extensions?.retryAt));
    await delay(Math.max(0, retryAt - Date.now()) + 50);
    const probing = postGraphQL(url, BOTH);
    await delay(50);
    // While the one probe call is in flight, the others are answered at once, not held for it.
    const during = await timedPost(url, BOTH);
    expect(firstError(during.body).extensions?.reason).toBe('CIRCUIT_OPEN');
    // Held for the probe it would take the rest of its 1 s timeout.
    expect(during.ms).toBeLessThan(500);
    const probe = await probing;
    expect(firstError(probe.body).message).toContain('did not answer within 1000 ms');
    expect(department.received).toBe(2);
    const again = await postGraphQL(url, BOTH);
    expect(firstError(again.body).extensions?.reason).toBe('CIRCUIT_OPEN');
    expect(Date.parse(String(firstError(again.body).extensions?.retryAt))).toBeGreaterThan(retryAt);
    expect(await metricValue(gateway, 'departmentCircuitState', { department: 'business' })).toBe(
      1,
    );
  });

  it('drops a 10 MB answer unread past the cap: only that department’s fields are null', async () => {
    department = await startSwitchable(fixtures.business);
    const { gateway, url } = await startGateway();
    department.mode = 'huge';
    const { status, body } = await postGraphQL(url, BOTH);
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: { name: 'Li Wei', companies: null } });
    expect(body.errors).toHaveLength(1);
    expect(firstError(body).extensions).toMatchObject({
      code: 'DEPARTMENT_ANSWER_TOO_LARGE',
      department: 'business',
      limitBytes: 8 * 1024 * 1024,
    });
    expect(firstError(body).message).toContain('Ask for fewer items');
    expect(
      await metricValue(gateway, 'departmentRejections', {
        department: 'business',
        reason: 'TOO_LARGE',
      }),
    ).toBe(1);
    // An answer too large is not an outage: the circuit stays closed and the next one is read.
    expect(await metricValue(gateway, 'departmentCircuitState', { department: 'business' })).toBe(
      0,
    );
    department.mode = 'pass';
    expect((await postGraphQL(url, BOTH)).body).toEqual({ data: LI_BOTH });
  });

  it('a slow department delays only the requests that need it', async () => {
    department = await startSwitchable(fixtures.business);
    const { url } = await startGateway({ subgraphTimeoutMs: 5_000 });
    department.mode = { delayMs: 3_000 };
    const slow = timedPost(url, BOTH);
    await delay(100);
    // Reads nothing of the slow department: not held up by it (bound behavioural: < 3 s delay).
    const other = await timedPost(url, REGISTRY_ONLY);
    console.info(`beside a 3 s department: registry-only read in ${other.ms.toFixed(0)} ms`);
    expect(other.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
    expect(other.ms).toBeLessThan(1_000);
    // The request that needs it waits for it (within its timeout), all of its answer at once.
    const both = await slow;
    console.info(`the request needing the 3 s department: ${both.ms.toFixed(0)} ms`);
    expect(both.body).toEqual({ data: LI_BOTH });
    expect(both.ms).toBeGreaterThanOrEqual(2_900);
  });

  it('refuses at once what is over the in-flight limit and the queue', async () => {
    department = await startSwitchable(fixtures.business);
    const { gateway, url } = await startGateway({
      subgraphTimeoutMs: 5_000,
      departmentGuard: { maxInFlight: 1, maxQueued: 1 },
    });
    department.mode = { delayMs: 800 };
    const answers = await Promise.all(Array.from({ length: 4 }, () => timedPost(url, COMPANY)));
    console.info(`in-flight 1 + queue 1, 4 at once: ${answers.map((a) => a.ms.toFixed(0))} ms`);
    const served = answers.filter((a) => a.body.errors === undefined);
    const refused = answers.filter((a) => a.body.errors !== undefined);
    expect(served).toHaveLength(2);
    for (const a of served) expect(a.body).toEqual({ data: TEA });
    expect(refused).toHaveLength(2);
    for (const a of refused) {
      expect(a.body.data).toEqual({ company: null });
      expect(firstError(a.body).extensions).toMatchObject({
        code: 'DEPARTMENT_UNAVAILABLE',
        department: 'business',
        reason: 'TOO_BUSY',
      });
      // Refused without waiting for a slot (a queued call waits 800 ms or more).
      expect(a.ms).toBeLessThan(700);
    }
    expect(department.received).toBe(2);
    expect(
      await metricValue(gateway, 'departmentRejections', {
        department: 'business',
        reason: 'TOO_BUSY',
      }),
    ).toBe(2);
    // Refusals for load are not failures: the circuit stays closed.
    expect(await metricValue(gateway, 'departmentCircuitState', { department: 'business' })).toBe(
      0,
    );
  });
});
