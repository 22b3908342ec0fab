import { setTimeout as delay } from 'node:timers/promises';
import type { World } from '@govgraph/datagen';
import {
  FILE_COMPLAINT,
  type PlannedRequest,
  planRead,
  READ_KINDS,
  type RequestKind,
  SUBMIT_APPLICATION,
  seededRandom,
  worldPicker,
} from './requests.js';
import type { AgencyCredentials, Gateway } from './topology.js';

/** A network failure or a timeout: no HTTP answer reached the client. */
export const NETWORK = 'NETWORK';

/** One request as the client saw it. */
export interface Attempt {
  kind: RequestKind;
  gateway: string;
  /** The `X-Request-Id` sent, stored by the hub as the audit record's correlation id. */
  correlationId: string;
  /** Milliseconds since the run started. */
  startedAt: number;
  latencyMs: number;
  phase: string;
  /** HTTP status; 0 when no answer came. */
  status: number;
  /**
   * Every error code of the answer, with the department it names (`DEPARTMENT_UNAVAILABLE:social`);
   * NETWORK, or HTTP_<status> for a body that is not GraphQL.
   */
  codes: string[];
  /** The answer's data, when it had any. */
  data: Record<string, unknown> | null;
}

/** A write the client saw acknowledged (data came back), with what identifies it in the department. */
export interface AckedWrite {
  kind: 'fileComplaint' | 'submitApplication';
  /** The complaint's description marker, or the application's idempotency key. */
  marker: string;
  /** The ticket or platform number the gateway answered. */
  id: string;
  /** The complainant or applicant: their citizen record changed. */
  nationalId: string;
}

/** A write the client attempted and never saw acknowledged (given up after its retries). */
export interface LostWrite {
  kind: 'fileComplaint' | 'submitApplication';
  marker: string;
}

export interface LoadLedger {
  attempts: Attempt[];
  acked: AckedWrite[];
  unacked: LostWrite[];
  /** Application keys whose acknowledged attempts named different applications. */
  conflictingRetries: string[];
}

export interface LoadOptions {
  runId: string;
  gateways: readonly Gateway[];
  world: World;
  agencies: Record<'serviceDesk' | 'civilAffairs' | 'marketRegulator', AgencyCredentials>;
  /** Concurrent clients per gateway. */
  clientsPerGateway: number;
  /** The label attempts get (the fault phase), read at each attempt's start. */
  phase: () => string;
  startedAt: number;
}

const CLIENT_TIMEOUT_MS = 15_000;
const APPLICATION_RETRIES = 40;

/** Sends one request and records how it went. */
export async function send(
  gateway: Gateway,
  request: PlannedRequest,
  correlationId: string,
  phase: string,
  runStartedAt: number,
): Promise<Attempt> {
  const started = performance.now();
  const attempt: Attempt = {
    kind: request.kind,
    gateway: gateway.name,
    correlationId,
    startedAt: started - runStartedAt,
    latencyMs: 0,
    phase,
    status: 0,
    codes: [],
    data: null,
  };
  try {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: headersOf(request.caller, correlationId),
      body: JSON.stringify({ query: request.query, variables: request.variables }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    attempt.status = response.status;
    readAnswer(attempt, await response.text());
  } catch {
    attempt.codes = [NETWORK];
  }
  attempt.latencyMs = performance.now() - started;
  return attempt;
}

function headersOf(caller: AgencyCredentials | undefined, correlationId: string) {
  const base = { 'content-type': 'application/json', 'x-request-id': correlationId };
  if (!caller) return base;
  return {
    ...base,
    'x-api-key': caller.key,
    'x-purpose': caller.purpose,
    'x-case-id': 'CHAOS-2026-0001',
    'x-operator-id': 'chaos-clerk-01',
  };
}

function readAnswer(attempt: Attempt, text: string): void {
  let body: {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: unknown } }[];
  };
  try {
    body = JSON.parse(text);
  } catch {
    attempt.codes = [`HTTP_${attempt.status}`];
    return;
  }
  attempt.data = body.data ?? null;
  attempt.codes = (body.errors ?? []).map((e) => codeOf(e.extensions ?? {}));
}

/** The error's code, with the department it names (`DEPARTMENT_UNAVAILABLE:approvals`). */
function codeOf(extensions: { code?: unknown; department?: unknown }): string {
  const code = typeof extensions.code === 'string' ? extensions.code : 'NO_CODE';
  return typeof extensions.department === 'string' ? `${code}:${extensions.department}` : code;
}

/** A steady mixed load at every gateway until `stop()`; the ledger is complete once it resolves. */
export function startLoad(options: LoadOptions): { stop: () => Promise<LoadLedger> } {
  const ledger: LoadLedger = { attempts: [], acked: [], unacked: [], conflictingRetries: [] };
  let running = true;
  let sequence = 0;
  const nextId = (what: string) => `${options.runId}-${what}-${(sequence++).toString(36)}`;
  const clients: Promise<void>[] = [];
  options.gateways.forEach((gateway, g) => {
    for (let c = 0; c < options.clientsPerGateway; c++) {
      const random = seededRandom(1000 * g + c + 1);
      const client = { gateway, random, picker: worldPicker(options.world, random) };
      clients.push(
        (async () => {
          while (running) await oneStep(client, options, ledger, nextId);
        })(),
      );
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(clients);
      return ledger;
    },
  };
}

interface Client {
  gateway: Gateway;
  random: () => number;
  picker: ReturnType<typeof worldPicker>;
}

// 80% reads, 10% complaints, 10% applications.
async function oneStep(
  client: Client,
  options: LoadOptions,
  ledger: LoadLedger,
  nextId: (what: string) => string,
): Promise<void> {
  const roll = client.random();
  if (roll < 0.1) return fileComplaint(client, options, ledger, nextId);
  if (roll < 0.2) return submitApplication(client, options, ledger, nextId);
  const kind = READ_KINDS[Math.floor(client.random() * READ_KINDS.length)] ?? 'companySearch';
  const request = planRead(kind, options.agencies, client.picker);
  ledger.attempts.push(
    await send(client.gateway, request, nextId('r'), options.phase(), options.startedAt),
  );
}

/** A complaint has no idempotency key, so a failed filing is not retried (it may have run). */
async function fileComplaint(
  client: Client,
  options: LoadOptions,
  ledger: LoadLedger,
  nextId: (what: string) => string,
): Promise<void> {
  const marker = nextId('complaint');
  const nationalId = client.picker.nationalId();
  const request: PlannedRequest = {
    kind: 'fileComplaint',
    query: FILE_COMPLAINT,
    variables: {
      input: {
        complainantNationalId: nationalId,
        againstCreditCode: client.picker.creditCode(),
        category: 'PRODUCT_QUALITY',
        description: `Chaos run complaint ${marker}: the product broke on first use.`,
      },
    },
    caller: options.agencies.serviceDesk,
  };
  const attempt = await send(client.gateway, request, marker, options.phase(), options.startedAt);
  ledger.attempts.push(attempt);
  const id = idOf(attempt, 'fileComplaint');
  if (id) ledger.acked.push({ kind: 'fileComplaint', marker, id, nationalId });
  else ledger.unacked.push({ kind: 'fileComplaint', marker });
}

/** Submitted with an idempotency key and retried with the same key until acknowledged. */
async function submitApplication(
  client: Client,
  options: LoadOptions,
  ledger: LoadLedger,
  nextId: (what: string) => string,
): Promise<void> {
  const key = nextId('app');
  const nationalId = client.picker.nationalId();
  const request: PlannedRequest = {
    kind: 'submitApplication',
    query: SUBMIT_APPLICATION,
    variables: {
      input: {
        idempotencyKey: key,
        applicantNationalId: nationalId,
        kind: 'BUSINESS_LICENSE',
      },
    },
    caller: options.agencies.serviceDesk,
  };
  const ids = new Set<string>();
  for (let retry = 0; retry < APPLICATION_RETRIES; retry++) {
    const attempt = await send(
      client.gateway,
      request,
      `${key}.${retry}`,
      options.phase(),
      options.startedAt,
    );
    ledger.attempts.push(attempt);
    const id = idOf(attempt, 'submitApplication');
    if (id) ids.add(id);
    // Every fourth success is sent once more on purpose: a retry after an answer that was lost.
    if (id && (retry > 0 || client.random() >= 0.25)) break;
    if (!id) await delay(250);
  }
  const [first] = ids;
  if (ids.size > 1) ledger.conflictingRetries.push(key);
  if (first) ledger.acked.push({ kind: 'submitApplication', marker: key, id: first, nationalId });
  else ledger.unacked.push({ kind: 'submitApplication', marker: key });
}

function idOf(attempt: Attempt, field: string): string | undefined {
  if (attempt.codes.length > 0) return undefined;
  const value = attempt.data?.[field];
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
