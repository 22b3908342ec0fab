import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  type AuditRecord,
  auditRecordHash,
  createAuditLog,
  createAuditReader,
  GENESIS_HASH,
  verifyAuditChain,
} from '../src/index.js';
import { auditEntry, COMPANY, PEOPLE, STRANGER } from './auditEntries.js';
import { useHubStore } from './useHubStore.js';

const logger = createLogger('hub-test', 'silent');
const execFileAsync = promisify(execFile);

describe.each(ENGINES)('audit log on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_audit' });

  it('writes 200 concurrent appends as 200 chained records in fewer transactions', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    // The gateway's metrics hear each transaction: its size, its time, whether it committed.
    const flushed: { entries: number; seconds: number; ok: boolean }[] = [];
    log.observe({ flushed: (entries, seconds, ok) => flushed.push({ entries, seconds, ok }) });
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(auditEntry(i + 1))));
    expect(log.flushes).toBeLessThan(200);
    expect(log.flushes).toBe(1);
    expect(flushed).toEqual([{ entries: 200, seconds: expect.any(Number), ok: true }]);
    expect(log.pending).toBe(0);
    const rows = await hub.store.db
      .selectFrom('audit_records')
      .select(['seq', 'request_id'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(rows.map((r) => r.request_id)).toEqual(
      Array.from({ length: 200 }, (_, i) => `req-${i + 1}`),
    );
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 200 });
    await log.close();
  });

  it('stores every field of the entry and chains each record to the one before', async () => {
    const subject = PEOPLE[1] as string;
    const records =
      (await createAuditReader(hub.store).recordsForSubjects([subject], 1000)).get(subject) ?? [];
    const [first] = records;
    const oldest = records.at(-1);
    expect(records).toHaveLength(67);
    expect(first?.seq).toBe(199);
    expect(oldest).toEqual({
      ...auditEntry(1),
      seq: 1,
      prevHash: GENESIS_HASH,
      hash: auditRecordHash({ ...auditEntry(1), seq: 1, prevHash: GENESIS_HASH }),
    } satisfies AuditRecord);
    const second = await hub.store.db
      .selectFrom('audit_records')
      .select(['prev_hash'])
      .where('seq', '=', 2)
      .executeTakeFirst();
    expect(second?.prev_hash).toBe(oldest?.hash);
    const head = await hub.store.db.selectFrom('audit_head').selectAll().executeTakeFirst();
    const last = await hub.store.db
      .selectFrom('audit_records')
      .select('hash')
      .where('seq', '=', 200)
      .executeTakeFirst();
    // The log of the test before was closed: the subject index covers the whole chain.
    expect(head).toEqual({ id: 1, seq: 200, hash: last?.hash, indexed_seq: 200 });
  });

  it('writes at most maxBatch entries per transaction; later ones go to the next', async () => {
    const log = createAuditLog({ store: hub.store, logger, maxBatch: 50 });
    await Promise.all(Array.from({ length: 120 }, (_, i) => log.append(auditEntry(201 + i))));
    expect(log.flushes).toBe(3);
    // Appends made while a flush runs wait for the next one.
    const first = log.append(auditEntry(321));
    await Promise.resolve();
    const late = [log.append(auditEntry(322)), log.append(auditEntry(323))];
    await Promise.all([first, ...late]);
    expect(log.flushes).toBe(5);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 323 });
    await log.close();
  });

  it('keeps one chain when another gateway process appends at the same time', async () => {
    const a = createAuditLog({ store: hub.store, logger, maxBatch: 7 });
    const child = execFileAsync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./appendInChildProcess.ts', import.meta.url)),
        '500',
        '100',
      ],
      { env: { ...process.env, ...hub.env } },
    );
    await Promise.all(Array.from({ length: 100 }, (_, i) => a.append(auditEntry(400 + i))));
    const { stdout } = await child;
    expect(JSON.parse(stdout).flushes).toBeLessThan(100);
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 523 });
    const ids = await hub.store.db
      .selectFrom('audit_records')
      .select('request_id')
      .where('seq', '>', 323)
      .execute();
    expect(new Set(ids.map((r) => r.request_id)).size).toBe(200);
    await a.close();
  });

  it('rejects every append of a batch that cannot be written, and the chain does not move', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    await sql`alter table audit_records rename to audit_records_away`.execute(hub.store.db);
    try {
      const results = await Promise.allSettled([
        log.append(auditEntry(900)),
        log.append(auditEntry(901)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      const reason = (results[0] as PromiseRejectedResult).reason as Error & {
        extensions: { code: string };
      };
      expect(reason.extensions.code).toBe('AUDIT_UNAVAILABLE');
      expect(reason.message).toMatch(
        /could not be recorded in the audit log, so the data is withheld/,
      );
      expect(reason.message).not.toMatch(/audit_records|sql|relation|table/i);
    } finally {
      await sql`alter table audit_records_away rename to audit_records`.execute(hub.store.db);
    }
    const head = await hub.store.db.selectFrom('audit_head').select('seq').executeTakeFirst();
    expect(Number(head?.seq)).toBe(523);
    await log.append(auditEntry(902));
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 524 });
    await log.close();
  });

  it('flushes what is queued on close, then refuses new entries', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    const queued = log.append(auditEntry(903));
    await log.close();
    await expect(queued).resolves.toBeUndefined();
    await expect(log.append(auditEntry(904))).rejects.toMatchObject({
      extensions: { code: 'AUDIT_UNAVAILABLE' },
    });
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 525 });
  });

  it('reads several subjects’ newest records in one statement', async () => {
    const reader = createAuditReader(hub.store);
    hub.store.statements.reset();
    const bySubject = await reader.recordsForSubjects([PEOPLE[0] as string, COMPANY, STRANGER], 3);
    expect(hub.store.statements.total).toBe(1);
    expect([...bySubject.keys()]).toEqual([PEOPLE[0], COMPANY, STRANGER]);
    expect(bySubject.get(STRANGER)).toEqual([]);
    const person = bySubject.get(PEOPLE[0] as string) ?? [];
    expect(person[0]?.requestId).toBe('req-903');
    // Newest first, at most 3, every one naming the subject.
    expect(person).toHaveLength(3);
    expect(person.map((r) => r.seq)).toEqual([...person.map((r) => r.seq)].sort((x, y) => y - x));
    for (const r of person) expect(r.subjects).toContain(PEOPLE[0]);
    const company = bySubject.get(COMPANY) ?? [];
    expect(company).toHaveLength(3);
    for (const r of company) expect(r.subjects).toContain(COMPANY);
  });

  it('refuses an entry without a valid time on its own, not the batch it would join', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    const [bad, good] = await Promise.allSettled([
      log.append(auditEntry(950, { at: new Date('not a time') })),
      log.append(auditEntry(951)),
    ]);
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: { extensions: { code: 'AUDIT_UNAVAILABLE' } },
    });
    expect(good.status).toBe('fulfilled');
    await log.close();
    expect(await verifyAuditChain(hub.store)).toEqual({ ok: true, records: 526 });
  });
});
