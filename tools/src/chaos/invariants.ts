import { join } from 'node:path';
import type { ApprovalsDB } from '@govgraph/approvals';
import type { ComplaintsDB } from '@govgraph/complaints';
import { openDatabase } from '@govgraph/department/db';
import { openHubStore, verifyAuditChain } from '@govgraph/governance';
import type { AckedWrite, Attempt, LoadLedger } from './load.js';
import type { RequestKind } from './requests.js';

/** One invariant's verdict; `problems` says what broke, with enough to find it. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  problems: string[];
}

const SHOWN = 10;

function check(name: string, detail: string, problems: string[]): Check {
  return { name, ok: problems.length === 0, detail, problems: problems.slice(0, SHOWN) };
}

/** The agency the load submits as: application keys are scoped to it. */
const SUBMITTER = 'service-desk-app';

/**
 * Every acknowledged write is in the department's own database exactly once, under the number
 * the client was given; a write never acknowledged is there at most once; retries with one
 * idempotency key never made a second application.
 */
export async function checkWrites(dataDir: string, ledger: LoadLedger): Promise<Check[]> {
  const complaints = await complaintRows(dataDir);
  const applications = await applicationRows(dataDir);
  const found = (write: { kind: AckedWrite['kind']; marker: string }) =>
    (write.kind === 'fileComplaint' ? complaints : applications).get(write.marker) ?? [];
  const lost: string[] = [];
  for (const write of ledger.acked) {
    const ids = found(write);
    if (ids.length !== 1 || ids[0] !== write.id) {
      lost.push(
        `${write.kind} ${write.marker}: acknowledged as ${write.id}, found ${ids.length === 0 ? 'nothing' : ids.join(', ')}`,
      );
    }
  }
  const duplicated: string[] = ledger.conflictingRetries.map(
    (key) => `submitApplication ${key}: retries with the same key answered different applications`,
  );
  for (const write of ledger.unacked) {
    const ids = found(write);
    if (ids.length > 1)
      duplicated.push(`${write.kind} ${write.marker}: stored ${ids.length} times`);
  }
  for (const [key, ids] of applications) {
    if (ids.length > 1)
      duplicated.push(`submitApplication ${key}: ${ids.length} applications (${ids.join(', ')})`);
  }
  const counts = `${ledger.acked.length} acknowledged, ${ledger.unacked.length} never acknowledged`;
  return [
    check('every acknowledged write present exactly once', counts, lost),
    check('no duplicate from an idempotent retry', counts, duplicated),
  ];
}

async function complaintRows(dataDir: string): Promise<Map<string, string[]>> {
  const database = openDatabase<ComplaintsDB>({ sqliteFile: join(dataDir, 'complaints.sqlite') });
  try {
    const rows = await database.db
      .selectFrom('complaint')
      .select(['id', 'description'])
      .where('description', 'like', 'Chaos run complaint %')
      .execute();
    const byMarker = new Map<string, string[]>();
    for (const row of rows) {
      const marker = /^Chaos run complaint (\S+):/.exec(row.description)?.[1] ?? '';
      byMarker.set(marker, [...(byMarker.get(marker) ?? []), row.id]);
    }
    return byMarker;
  } finally {
    await database.close();
  }
}

async function applicationRows(dataDir: string): Promise<Map<string, string[]>> {
  const database = openDatabase<ApprovalsDB>({ sqliteFile: join(dataDir, 'approvals.sqlite') });
  try {
    const rows = await database.db
      .selectFrom('application')
      .select(['id', 'idempotency_key'])
      .where('submitted_by', '=', SUBMITTER)
      .execute();
    const byKey = new Map<string, string[]>();
    for (const row of rows) {
      const key = row.idempotency_key ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
    }
    return byKey;
  } finally {
    await database.close();
  }
}

/** How many audit records an answered request of each kind leaves (learned before the faults). */
export type AuditExpectations = Map<RequestKind, number>;

/** True when the client got the hub's answer (not a refusal to answer for lack of a record). */
export function answered(attempt: Attempt): boolean {
  return (
    attempt.status !== 0 &&
    !attempt.codes.some(
      (c) => c === 'AUDIT_UNAVAILABLE' || c === 'GATEWAY_NOT_READY' || c.startsWith('HTTP_'),
    )
  );
}

/**
 * The hub's own verification of the chain, then: every answered audited request has exactly
 * its records (one for a read, intent and outcome for a write), an unanswered one at most
 * those, and no record carries a correlation id no client sent.
 */
export async function checkAudit(
  hubUrl: string,
  attempts: readonly Attempt[],
  expected: AuditExpectations,
): Promise<Check[]> {
  const store = await openHubStore({ url: hubUrl, sqliteFile: 'unused-with-a-url.sqlite' });
  try {
    const verdict = await verifyAuditChain(store);
    const rows = await store.db
      .selectFrom('audit_records')
      .select(['correlation_id', 'phase'])
      .where('correlation_id', 'is not', null)
      .execute();
    const records = new Map<string, string[]>();
    for (const row of rows) {
      const id = row.correlation_id ?? '';
      records.set(id, [...(records.get(id) ?? []), row.phase ?? 'read']);
    }
    const chain = verdict.ok
      ? check('audit chain verifies', `${verdict.records} records`, [])
      : check('audit chain verifies', 'broken', [`record ${verdict.seq}: ${verdict.reason}`]);
    return [chain, matchAuditRecords(attempts, expected, records)];
  } finally {
    await store.close();
  }
}

/** Matches the records to the requests by correlation id (see checkAudit). */
export function matchAuditRecords(
  attempts: readonly Attempt[],
  expected: AuditExpectations,
  records: Map<string, string[]>,
): Check {
  const problems: string[] = [];
  let audited = 0;
  const sent = new Set<string>();
  for (const attempt of attempts) {
    sent.add(attempt.correlationId);
    const want = expected.get(attempt.kind) ?? 0;
    const phases = records.get(attempt.correlationId) ?? [];
    const wellFormed = want === 2 ? new Set(phases).size === phases.length : true;
    if (answered(attempt) && want > 0) audited++;
    if (answered(attempt) ? phases.length !== want : phases.length > want || !wellFormed) {
      problems.push(
        `${attempt.kind} ${attempt.correlationId} (${attempt.phase}, ${answered(attempt) ? 'answered' : `not answered: ${attempt.codes.join(',') || attempt.status}`}): ${phases.length} record(s) [${phases.join(', ')}], expected ${answered(attempt) ? '' : 'at most '}${want}`,
      );
    }
  }
  for (const id of records.keys()) {
    if (!sent.has(id)) problems.push(`a record carries correlation id ${id}, which no client sent`);
  }
  return check(
    'one audit record per answered audited request (intent+outcome per write)',
    `${audited} answered audited requests matched by correlation id`,
    problems,
  );
}
