import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Engine, openDatabase } from '@govgraph/department/db';
import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createAuditLog, hubStoreConfig, verifyAuditChain } from '../src/index.js';
import type { HubDB } from '../src/store/schema.js';
import { auditEntry } from './auditEntries.js';
import { type HubFixture, useHubStore } from './useHubStore.js';

const logger = createLogger('hub-test', 'silent');

/**
 * Takes the audit chain's lock from a connection of its own, as another gateway instance would:
 * SQLite's write lock (BEGIN IMMEDIATE), or the head row on PostgreSQL (SELECT ... FOR UPDATE).
 * Resolves once the lock is held; `release()` commits.
 */
async function holdAuditLock(hub: HubFixture, engine: Engine) {
  const other = openDatabase<HubDB>(hubStoreConfig(hub.env));
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const held = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = other.db.connection().execute(async (conn) => {
    await sql`${sql.raw(engine === 'sqlite' ? 'begin immediate' : 'begin')}`.execute(conn);
    if (engine === 'postgres') {
      await sql`select seq from audit_head where id = 1 for update`.execute(conn);
    }
    locked();
    await released;
    await sql`commit`.execute(conn);
  });
  await held;
  return {
    release: async () => {
      release();
      await done;
      await other.close();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)('audit appends while another connection holds the lock, on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_audit_lock' });

  it('waits without stalling the event loop, then commits everything queued in order', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    const lock = await holdAuditLock(hub, engine);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const settled: string[] = [];
    const append = (i: number) =>
      log.append(auditEntry(i)).then(() => {
        settled.push(`req-${i}`);
      });
    const early = [append(1), append(2)];
    await sleep(300);
    // A write's intent and, once it is recorded, its outcome: the outcome must follow it.
    const intent = log.append(auditEntry(3, { phase: 'intent' }));
    const outcome = intent.then(() => log.append(auditEntry(4, { phase: 'outcome' })));
    const late = [append(5), append(6)];
    await sleep(300);
    expect(settled).toEqual([]);
    await lock.release();
    await Promise.all([...early, intent, outcome, ...late]);
    loop.disable();
    // The timers above ran on time: nothing waited on the lock synchronously.
    expect(loop.max / 1e6).toBeLessThan(200);
    const rows = await hub.store.db
      .selectFrom('audit_records')
      .select(['seq', 'request_id'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.request_id)).toEqual([
      'req-1',
      'req-2',
      'req-3',
      'req-5',
      'req-6',
      'req-4',
    ]);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 6 });
    await log.close();
  });

  it('drains what waits for the lock on close', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    const lock = await holdAuditLock(hub, engine);
    const queued = log.append(auditEntry(7));
    await sleep(100);
    const closing = log.close();
    await sleep(100);
    await lock.release();
    await closing;
    await expect(queued).resolves.toBeUndefined();
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 7 });
  });
});

describe('an append that outwaits the SQLite lock', () => {
  const hub = useHubStore('sqlite', { label: 'hub_audit_lock_wait' });

  it('fails closed after lockWaitMs; the chain does not move and later appends work', async () => {
    const log = createAuditLog({ store: hub.store, logger, lockWaitMs: 300 });
    await log.append(auditEntry(1));
    const lock = await holdAuditLock(hub, 'sqlite');
    const started = performance.now();
    const results = await Promise.allSettled([
      log.append(auditEntry(2)),
      log.append(auditEntry(3)),
    ]);
    const waited = performance.now() - started;
    await lock.release();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({
      extensions: { code: 'AUDIT_UNAVAILABLE' },
    });
    // It gave up after its own wait, not SQLite's 5 s busy timeout.
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(3_000);
    await log.append(auditEntry(4));
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 2 });
    await log.close();
  });
});
