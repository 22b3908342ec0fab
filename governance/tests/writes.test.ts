import { writeFileSync } from 'node:fs';
import { migrateToLatest, openDatabase } from '@govgraph/department/db';
import { createLogger } from '@govgraph/server';
import { createTestDatabase, ENGINES } from '@govgraph/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { toAuditRow } from '../src/audit/auditRows.js';
import { runAuditCli } from '../src/cli/runAuditCli.js';
import {
  addAgency,
  auditRecordHash,
  createAccessRegistry,
  createAuditLog,
  GENESIS_HASH,
  type HubDB,
  issueApiKey,
  latestAuditRecords,
  listAgencies,
  openHubStore,
  setAgencyDepartment,
  syncRegistryFile,
  verifyAuditChain,
} from '../src/index.js';
import { hubMigrations } from '../src/store/migrations.js';
import { auditEntry } from './auditEntries.js';
import { captureOutput, SMALL_REGISTRY, useHubStore } from './useHubStore.js';

const logger = createLogger('hub-test', 'silent');

// What the writes need of the hub (issue #10): the department an agency acts for, from the
// registry file or the `agency` command, on the caller; and the intent/outcome phase of a
// mutation's audit records, hashed, without changing the hash of records written before.

describe('audit record hash with the write phase', () => {
  it('hashes a record without a phase exactly as before phases existed', () => {
    // Computed by the hash function before migration 0004_agency_department added the phase.
    const before = '3e07dbdc1ca66abf4ff3a088792c28e3842c9a1291eb96d3790631d7df2bd8c4';
    expect(auditRecordHash({ ...auditEntry(7), seq: 7, prevHash: '0'.repeat(64) })).toBe(before);
  });

  it('covers the phase: intent and outcome hash differently from each other and from none', () => {
    const base = { ...auditEntry(7), seq: 7, prevHash: '0'.repeat(64) };
    const hashes = new Set([
      auditRecordHash(base),
      auditRecordHash({ ...base, phase: 'intent' }),
      auditRecordHash({ ...base, phase: 'outcome' }),
    ]);
    expect(hashes.size).toBe(3);
  });

  it('keeps the later fields apart: a correlation id cannot pass for a phase', () => {
    const base = { ...auditEntry(7), seq: 7, prevHash: '0'.repeat(64) };
    const asPhase = auditRecordHash({ ...base, phase: 'intent' });
    expect(auditRecordHash({ ...base, correlationId: 'intent' })).not.toBe(asPhase);
    expect(auditRecordHash({ ...base, correlationId: 'intent', phase: 'intent' })).not.toBe(
      asPhase,
    );
  });
});

describe.each(ENGINES)('migration 0004_agency_department on %s', (engine) => {
  it('keeps a chain written before it verifiable, and new records chain on from it', async () => {
    const database = await createTestDatabase(engine, 'hub_upgrade');
    try {
      // The store as it was before 0004: that migration and every later one left out.
      const before = Object.fromEntries(
        Object.entries(hubMigrations(engine)).filter(([name]) => name < '0004'),
      );
      const old = openDatabase<HubDB>(database.options);
      await migrateToLatest(old.db, before);
      // Records as the hub wrote them then: no phase column, hashed without a phase.
      let prevHash = GENESIS_HASH;
      for (const seq of [1, 2, 3]) {
        const unhashed = { ...auditEntry(seq), seq, prevHash };
        const { phase: _none, ...row } = toAuditRow({
          ...unhashed,
          hash: auditRecordHash(unhashed),
        });
        await old.db.insertInto('audit_records').values(row).execute();
        await old.db
          .insertInto('audit_subjects')
          .values(unhashed.subjects.map((subject) => ({ subject, seq })))
          .execute();
        prevHash = row.hash;
      }
      await old.db.updateTable('audit_head').set({ seq: 3, hash: prevHash }).execute();
      await old.close();

      const store = await openHubStore(database.options);
      try {
        expect(await verifyAuditChain(store)).toEqual({ ok: true, records: 3 });
        // 0009 marks the records indexed before it as indexed: the tracker reads them from the
        // index, and verify holds their rows to them exactly.
        const head = await store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
        expect(Number(head.indexed_seq)).toBe(3);
        const log = createAuditLog({ store, logger });
        await log.append(auditEntry(4, { phase: 'intent' }));
        await log.close();
        expect(await verifyAuditChain(store)).toEqual({ ok: true, records: 4 });
        expect(
          Number(
            (await store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow())
              .indexed_seq,
          ),
        ).toBe(4);
        // An old row hidden after the upgrade is caught, as before it.
        await store.db.deleteFrom('audit_subjects').where('seq', '=', 2).execute();
        expect(await verifyAuditChain(store)).toMatchObject({ ok: false, seq: 2 });
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe.each(ENGINES)('agency departments and write phases on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_writes' });

  it('migrates the store with 0004_agency_department', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(
      hub.store.db,
    );
    const names = applied.rows.map((r) => r.name);
    expect(names).toContain('0004_agency_department');
    await addAgency(hub.store, {
      id: 'fire-service',
      name: 'Fire service',
      department: 'FIRE_SERVICE',
    });
    const row = await hub.store.db
      .selectFrom('agencies')
      .select('department')
      .where('id', '=', 'fire-service')
      .executeTakeFirst();
    expect(row).toEqual({ department: 'FIRE_SERVICE' });
  });

  it('syncs the department from the registry file; a file without one keeps the command’s, null clears it', async () => {
    const fileWith = (auditorDepartment?: null) => ({
      ...SMALL_REGISTRY,
      agencies: [
        { id: 'tax-bureau', name: 'Tax bureau', department: 'TAX' },
        {
          id: 'auditor',
          name: 'Data protection auditor',
          roles: ['auditor'],
          ...(auditorDepartment === null && { department: null }),
        },
      ],
    });
    const departments = async () =>
      Object.fromEntries((await listAgencies(hub.store)).map((a) => [a.id, a.department]));
    try {
      writeFileSync(hub.registryFile, JSON.stringify(fileWith()));
      await syncRegistryFile(hub.store, hub.registryFile);
      expect(await departments()).toMatchObject({ 'tax-bureau': 'TAX', auditor: null });

      await setAgencyDepartment(hub.store, 'auditor', 'MARKET_REGULATION');
      await syncRegistryFile(hub.store, hub.registryFile);
      expect(await departments()).toMatchObject({ auditor: 'MARKET_REGULATION' });

      writeFileSync(hub.registryFile, JSON.stringify(fileWith(null)));
      await syncRegistryFile(hub.store, hub.registryFile);
      expect(await departments()).toMatchObject({ 'tax-bureau': 'TAX', auditor: null });
    } finally {
      writeFileSync(hub.registryFile, JSON.stringify(SMALL_REGISTRY));
      await syncRegistryFile(hub.store, hub.registryFile);
    }
  });

  it('refuses a department code that is not one', async () => {
    await expect(
      addAgency(hub.store, { id: 'lower-dept', name: 'x', department: 'fire' }),
    ).rejects.toThrow(/"fire" is not a department code/);
    await expect(setAgencyDepartment(hub.store, 'tax-bureau', 'TAX SERVICE')).rejects.toThrow(
      /not a department code/,
    );
    await expect(setAgencyDepartment(hub.store, 'nobody', 'TAX')).rejects.toThrow(
      /There is no agency "nobody"/,
    );
  });

  it('puts the department on the authenticated caller, and leaves it off an agency of none', async () => {
    await addAgency(hub.store, { id: 'housing-bureau', name: 'Housing', department: 'HOUSING' });
    await addAgency(hub.store, { id: 'no-dept-bureau', name: 'No department' });
    const housingKey = (await issueApiKey(hub.store, 'housing-bureau')).key;
    const plainKey = (await issueApiKey(hub.store, 'no-dept-bureau')).key;
    const registry = await createAccessRegistry({ store: hub.store });
    try {
      expect(await registry.authenticate({ apiKey: housingKey })).toMatchObject({
        agencyId: 'housing-bureau',
        department: 'HOUSING',
      });
      const plain = await registry.authenticate({ apiKey: plainKey });
      expect(plain).toMatchObject({ agencyId: 'no-dept-bureau' });
      expect(plain).not.toHaveProperty('department');
      await setAgencyDepartment(hub.store, 'housing-bureau', null);
      await registry.refresh();
      expect(await registry.authenticate({ apiKey: housingKey })).not.toHaveProperty('department');
    } finally {
      await registry.close();
    }
  });

  it('stores the phase of intent and outcome records; the chain verifies and an edited phase is caught', async () => {
    const log = createAuditLog({ store: hub.store, logger });
    await log.append(auditEntry(1));
    await log.append(auditEntry(2, { phase: 'intent', coordinates: ['Mutation.fileComplaint'] }));
    await log.append(auditEntry(3, { phase: 'outcome', coordinates: ['Mutation.fileComplaint'] }));
    await log.close();
    const [outcome, intent, read] = await latestAuditRecords(hub.store, 3);
    expect([read?.phase, intent?.phase, outcome?.phase]).toEqual([undefined, 'intent', 'outcome']);
    expect(await verifyAuditChain(hub.store)).toMatchObject({ ok: true });
    const tail = captureOutput();
    expect(await runAuditCli(['tail', '-n', '2'], hub.env, tail)).toBe(0);
    expect(tail.text.match(/ ok \((intent|outcome)\)\n/g)).toEqual([
      ' ok (outcome)\n',
      ' ok (intent)\n',
    ]);

    await hub.store.db
      .updateTable('audit_records')
      .set({ phase: 'outcome' })
      .where('seq', '=', intent?.seq ?? 0)
      .execute();
    expect(await verifyAuditChain(hub.store)).toMatchObject({
      ok: false,
      seq: intent?.seq,
    });
  });
});
