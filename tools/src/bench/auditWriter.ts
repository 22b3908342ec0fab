import { randomUUID } from 'node:crypto';
import { type AuditEntry, createAuditLog, openHubStore } from '@govgraph/governance';
import { createLogger } from '@govgraph/server';

// One "gateway instance" of `npm run bench:audit`, in a process of its own: its own hub store
// connection pool and its own audit log (group commit), appending from `concurrency` requests
// in flight at once until the deadline. Forked by auditThroughput.ts; talks over IPC.

/** What the parent sends: where to write, for how long, with how many requests in flight. */
export interface WriterJob {
  url: string;
  /** Wall-clock ms at which to start (every writer starts together). */
  startAt: number;
  seconds: number;
  concurrency: number;
}

/** What the writer answers once done. */
export interface WriterResult {
  appends: number;
  failures: number;
  transactions: number;
  seconds: number;
}

/** An entry like a citizen-record read's: two subjects, a handful of coordinates. */
function entry(i: number): AuditEntry {
  return {
    at: new Date(),
    requestId: randomUUID(),
    callerKind: 'agency',
    agencyId: 'bench-agency',
    operatorId: null,
    purpose: 'tax-assessment',
    caseId: null,
    operationHash: 'a'.repeat(64),
    operationName: 'CitizenRecord',
    coordinates: ['Query.person', 'Person.name', 'Person.taxProfile', 'TaxProfile.years'],
    denied: [],
    subjects: [`11010519491231${String(i % 10_000).padStart(4, '0')}`, '91350100M000100Y43'],
    outcome: 'ok',
    cached: false,
  };
}

async function runJob(job: WriterJob): Promise<WriterResult> {
  const store = await openHubStore({ url: job.url, sqliteFile: '' });
  const log = createAuditLog({ store, logger: createLogger('bench-audit', 'silent') });
  let appends = 0;
  let failures = 0;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
  const started = performance.now();
  const until = started + job.seconds * 1000;
  const request = async () => {
    while (performance.now() < until) {
      try {
        await log.append(entry(appends));
        appends++;
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, request));
  const seconds = (performance.now() - started) / 1000;
  const transactions = log.flushes;
  await log.close();
  await store.close();
  return { appends, failures, transactions, seconds };
}

process.once('message', (job: WriterJob) => {
  runJob(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
