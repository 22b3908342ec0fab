import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { openHubStore } from '@govgraph/governance';
import { compareCaches } from './compareCaches.js';
import {
  expectedCodes,
  FAULTS,
  type Fault,
  type Injected,
  inject,
  type Phase,
  SLOWED_DEPARTMENT,
} from './faults.js';
import { type AuditExpectations, type Check, checkAudit, checkWrites } from './invariants.js';
import { type Attempt, type LoadLedger, send, startLoad } from './load.js';
import { type PhaseResult, type PhaseWindow, phaseTable, summarisePhase } from './phaseReport.js';
import { planRead, READ_KINDS, seededRandom, worldPicker } from './requests.js';
import { startTopology, type Topology } from './topology.js';

export interface ChaosOptions {
  /** Load time: a quiet baseline, then each phase's fault window and recovery window. */
  durationMs: number;
  phases: readonly Phase[];
  /** People in the seeded world. @default 300 */
  people?: number;
  /** Concurrent clients per gateway. @default 3 */
  clientsPerGateway?: number;
  log?: (line: string) => void;
  /** Given, before anything starts, the way to stop what the run started (the CLI's Ctrl-C). */
  onStarted?: (stop: () => Promise<void>) => void;
}

export interface ChaosResult {
  ok: boolean;
  runDir: string;
  phases: PhaseResult[];
  checks: Check[];
  table: string;
  requests: number;
}

/**
 * The chaos run: the hub as separate processes, a steady mixed load at two gateways, the
 * faults one after another, then the invariants. The run directory (logs, databases) is
 * removed when every check held and kept otherwise.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => {});
  const runDir = mkdtempSync(join(tmpdir(), 'govgraph-chaos-'));
  const runId = `chaos${Date.now().toString(36)}`;
  const topology = await startTopology({
    runDir,
    people: options.people ?? 300,
    slowDepartment: SLOWED_DEPARTMENT,
    log,
    ...(options.onStarted ? { onStop: options.onStarted } : {}),
  });
  let result: ChaosResult | undefined;
  try {
    result = await underLoad(topology, options, runId, log);
    return result;
  } finally {
    await topology.stop();
    if (result?.ok) rmSync(runDir, { recursive: true, force: true });
    else log(`run directory kept for inspection: ${runDir}`);
  }
}

async function underLoad(
  topology: Topology,
  options: ChaosOptions,
  runId: string,
  log: (line: string) => void,
): Promise<ChaosResult> {
  const startedAt = performance.now();
  const now = () => performance.now() - startedAt;
  const expectations = await probeAudit(topology, runId, startedAt);
  const slice = options.durationMs / (2 * options.phases.length + 1);
  let label = 'baseline';
  const load = startLoad({
    runId,
    gateways: topology.gateways,
    world: topology.world,
    agencies: topology.agencies,
    clientsPerGateway: options.clientsPerGateway ?? 3,
    phase: () => label,
    startedAt,
  });
  const windows: PhaseWindow[] = [];
  let ledger: LoadLedger;
  try {
    log(`baseline: ${(slice / 1000).toFixed(1)} s without faults`);
    const baselineAt = now();
    await delay(slice);
    windows.push({
      phase: 'baseline',
      what: [],
      injectedAt: baselineAt,
      restoreStartedAt: now(),
      restoredAt: now(),
      endedAt: now(),
      expected: new Set(),
    });
    for (const phase of options.phases) {
      label = phase;
      windows.push(await runPhase(phase, topology, slice, now, log, (l) => (label = l)));
    }
  } finally {
    ledger = await load.stop();
  }
  ledger.attempts.push(...expectations.attempts);
  // Departments evict before a write answers; give the last announcements a moment anyway.
  await delay(1000);
  log('comparing cached and uncached answers');
  const comparison = await compareCaches(topology, ledger, runId, startedAt);
  ledger.attempts.push(...comparison.attempts);
  log('checking the invariants');
  const phases = windows.map((w) => summarisePhase(w, ledger.attempts));
  const checks = [
    ...(await checkWrites(topology.dataDir, ledger)),
    ...(await checkAudit(topology.postgres.url, ledger.attempts, expectations.counts)),
    comparison.check,
    expectedCodesCheck(phases),
    recoveryCheck(phases),
  ];
  return {
    ok: checks.every((c) => c.ok),
    runDir: topology.runDir,
    phases,
    checks,
    table: phaseTable(phases),
    requests: ledger.attempts.length,
  };
}

async function runPhase(
  phase: Phase,
  topology: Topology,
  slice: number,
  now: () => number,
  log: (line: string) => void,
  relabel: (label: string) => void,
): Promise<PhaseWindow> {
  const faults: readonly Fault[] = phase === 'all' ? FAULTS : [phase];
  const injectedAt = now();
  const injected: Injected[] = [];
  for (const fault of faults) injected.push(await inject(fault, topology));
  log(`${phase}: ${injected.map((i) => i.what).join('; ')} for ${(slice / 1000).toFixed(1)} s`);
  await delay(Math.max(0, slice - (now() - injectedAt)));
  const restoreStartedAt = now();
  await Promise.all(injected.map((i) => i.restore()));
  const restoredAt = now();
  relabel(`${phase}/after`);
  log(
    `${phase}: restored in ${((restoredAt - restoreStartedAt) / 1000).toFixed(1)} s; watching recovery`,
  );
  await delay(slice);
  return {
    phase,
    what: injected.map((i) => i.what),
    injectedAt,
    restoreStartedAt,
    restoredAt,
    endedAt: now(),
    expected: expectedCodes(phase),
  };
}

/** Only the partial-data and unavailability codes each fault explains, and none at baseline. */
function expectedCodesCheck(phases: readonly PhaseResult[]): Check {
  const problems = phases.flatMap((p) =>
    p.unexpectedCodes.map((code) => `${p.phase}: ${code} ×${p.errorsByCode[code]}`),
  );
  return {
    name: 'only the expected error codes',
    ok: problems.length === 0,
    detail: 'per phase: DEPARTMENT_UNAVAILABLE, AUDIT_UNAVAILABLE, NETWORK as the fault explains',
    problems,
  };
}

/** Every phase turned clean again: no error in the last quarter of its recovery window. */
function recoveryCheck(phases: readonly PhaseResult[]): Check {
  const problems = phases
    .filter((p) => p.recoveredAfterMs === null)
    .map((p) => `${p.phase}: requests still failed at the end of the recovery window`);
  return {
    name: 'every phase recovered',
    ok: problems.length === 0,
    detail: 'clean answers again within the recovery window',
    problems,
  };
}

/**
 * How many audit records an answered request of each kind leaves, asked of the hub before any
 * fault: one read of each kind through gateway A, its records counted by correlation id.
 * Writes leave two (intent and outcome, docs/access.md "Writes").
 */
async function probeAudit(
  topology: Topology,
  runId: string,
  startedAt: number,
): Promise<{ counts: AuditExpectations; attempts: Attempt[] }> {
  const picker = worldPicker(topology.world, seededRandom(99));
  const attempts: Attempt[] = [];
  for (const kind of READ_KINDS) {
    const request = planRead(kind, topology.agencies, picker);
    const attempt = await send(
      topology.gateways[0],
      request,
      `${runId}-probe-${kind}`,
      'probe',
      startedAt,
    );
    if (attempt.codes.length > 0 || attempt.data === null) {
      throw new Error(
        `the ${kind} probe failed before any fault: ${attempt.status} ${attempt.codes.join(', ')}`,
      );
    }
    attempts.push(attempt);
  }
  const store = await openHubStore({
    url: topology.postgres.url,
    sqliteFile: 'unused-with-a-url.sqlite',
  });
  try {
    const counts: AuditExpectations = new Map([
      ['fileComplaint', 2],
      ['submitApplication', 2],
    ]);
    for (const attempt of attempts) {
      const rows = await store.db
        .selectFrom('audit_records')
        .select('seq')
        .where('correlation_id', '=', attempt.correlationId)
        .execute();
      counts.set(attempt.kind, rows.length);
    }
    return { counts, attempts };
  } finally {
    await store.close();
  }
}
