import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runAuditCli, verifyAuditChain } from '@govgraph/governance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';

// docs/reliability.md, "Audit appends and the event loop": while another connection holds the
// hub store's SQLite write lock, the gateway keeps serving everything that does not wait for an
// audit record, and a PERSONAL read waits for its own record, then answers.

const READER = {
  id: 'no-stall-reader',
  purpose: 'NO_STALL_TESTS',
  coordinates: ['Query.person', 'Person.name'],
};

const PERSONAL = 'query Name($id: NationalId!) { person(nationalId: $id) { name } }';
const PUBLIC = 'query Company($c: CreditCode!) { legalEntity(creditCode: $c) { name } }';

// The lock is held for LOCK_MS; anything that does not wait for the audit log must answer
// within PROMPT_MS. The bound is behavioural, not a speed target: a stalled event loop answers
// after the lock is released (about LOCK_MS, as before this change), an unblocked one in a few
// milliseconds; 500 ms leaves a wide margin for a loaded 2-core machine either way.
const LOCK_MS = 3_000;
const PROMPT_MS = 500;

// A second process that takes the file's write lock (BEGIN IMMEDIATE), says so, holds it for
// the given time and commits: what another gateway instance or a `npm run agency` command does.
const LOCK_HOLDER = `
const SQLite = require(process.argv[1]);
const db = new SQLite(process.argv[2]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[3]));
`;
const SQLITE_MODULE = createRequire(import.meta.url).resolve('better-sqlite3');

/** Holds the write lock of an SQLite file from another process; resolves once it is held. */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, ['-e', LOCK_HOLDER, SQLITE_MODULE, file, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const released = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the lock holder exited with ${code}`)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
  });
  return { released };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

describe('audit appends while the SQLite hub store is locked', () => {
  let hub: AccessHub;
  let nationalId: string;
  let name: string;
  let creditCode: string;

  beforeAll(async () => {
    hub = await startAccessHub([READER]);
    const person = hub.world.person(0);
    nationalId = person.nationalId;
    name = person.name;
    creditCode = hub.world.company(0).creditCode;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const health = async () => {
    const res = await fetch(`${new URL(hub.hub.graphqlUrl).origin}/health`);
    return res.status;
  };

  it('answers /health and public reads promptly; a personal read waits for its record', async () => {
    const first = await hub.ask(hub.agency(READER.id), PERSONAL, { id: nationalId });
    expect(first.status).toBe(200);
    const before = (await hub.latestAudit())?.seq ?? 0;

    const { released } = await holdWriteLock(join(hub.dataDir, 'hub.sqlite'), LOCK_MS);
    const lockedAt = performance.now();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const personal = timed(() => hub.ask(hub.agency(READER.id), PERSONAL, { id: nationalId }));
    // Give the personal read time to reach its audit append and wait on the lock.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const h = await timed(health);
      expect(h.value).toBe(200);
      const p = await timed(() => hub.ask({}, PUBLIC, { c: creditCode }));
      expect(p.value.status).toBe(200);
      expect(p.value.body.errors).toBeUndefined();
      samples.push(h.ms, p.ms);
    }
    const servedWhileLocked = performance.now() - lockedAt;
    loop.disable();
    const maxStallMs = loop.max / 1e6;
    console.info(
      `lock held ${LOCK_MS} ms; /health and public reads served ${servedWhileLocked.toFixed(0)} ms after it was taken; latencies (ms): ${samples
        .map((ms) => ms.toFixed(1))
        .join(', ')}; longest event-loop stall ${maxStallMs.toFixed(0)} ms`,
    );
    expect(maxStallMs).toBeLessThan(PROMPT_MS);
    // All ten answered before the lock was released: the event loop never waited on it.
    expect(servedWhileLocked).toBeLessThan(LOCK_MS);
    for (const ms of samples) expect(ms).toBeLessThan(PROMPT_MS);

    const answered = await personal;
    await released;
    console.info(`personal read answered after ${answered.ms.toFixed(0)} ms`);
    expect(answered.value.status).toBe(200);
    expect(answered.value.body).toEqual({ data: { person: { name } } });
    // It waited for the lock to go: its record was written after the release, not skipped.
    expect(answered.ms).toBeGreaterThan(LOCK_MS - 300);
    expect((await hub.latestAudit())?.seq).toBe(before + 1);
  });

  it('keeps one verifiable chain after concurrent personal reads across a lock', async () => {
    const before = (await hub.latestAudit())?.seq ?? 0;
    const { released } = await holdWriteLock(join(hub.dataDir, 'hub.sqlite'), 1_000);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        hub.ask(hub.agency(READER.id), PERSONAL, { id: nationalId }),
      ),
    );
    await released;
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect((await hub.latestAudit())?.seq).toBe(before + 40);
    expect(await verifyAuditChain(hub.hub.services.store)).toEqual({
      ok: true,
      records: before + 40,
    });
    // What an operator runs: `npm run audit -- verify` over the same file.
    let out = '';
    const write = (text: string) => {
      out += text;
    };
    const exit = await runAuditCli(['verify'], { GOVGRAPH_DATA_DIR: hub.dataDir }, { write });
    expect(out).toContain(`Audit chain intact: ${before + 40} records verified.`);
    expect(exit).toBe(0);
  });
});
