import { join } from 'node:path';
import { DEFAULT_DATA_DIR } from '@govgraph/department';
import { ConfigError } from '@govgraph/server';
import { createTestDatabase, ENGINES } from '@govgraph/testing';
import { exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGISTRY_FILE,
  hubAccessConfig,
  hubStoreConfig,
  openHubStore,
} from '../src/index.js';
import { hubMigrations } from '../src/store/migrations.js';

describe('hub configuration', () => {
  it('uses hub.sqlite in the departments’ data directory unless HUB_DATABASE_URL is set', () => {
    expect(hubStoreConfig({})).toEqual({
      url: undefined,
      sqliteFile: join(DEFAULT_DATA_DIR, 'hub.sqlite'),
    });
    expect(hubStoreConfig({ GOVGRAPH_DATA_DIR: '/srv/govgraph' })).toEqual({
      url: undefined,
      sqliteFile: '/srv/govgraph/hub.sqlite',
    });
    expect(hubStoreConfig({ HUB_DATABASE_URL: 'postgres://hub@db/hub' }).url).toBe(
      'postgres://hub@db/hub',
    );
    expect(() => hubStoreConfig({ HUB_DATABASE_URL: 'hub.db' })).toThrow(
      /HUB_DATABASE_URL is "hub.db": must be a postgres:\/\/ URL/,
    );
  });

  it('reads the registry file, citizen issuer and audience', async () => {
    const keys = await generateKeyPair('ES256', { extractable: true });
    const jwk = JSON.stringify(await exportJWK(keys.publicKey));
    expect(hubAccessConfig({})).toEqual({
      registryFile: DEFAULT_REGISTRY_FILE,
      citizenIssuer: undefined,
      audience: 'govgraph',
    });
    expect(DEFAULT_REGISTRY_FILE).toMatch(/\/governance\/registry\.json$/);
    expect(
      hubAccessConfig({
        HUB_REGISTRY_FILE: '/etc/govgraph/registry.json',
        HUB_CITIZEN_ISSUER: 'https://id.gov.example',
        HUB_CITIZEN_PUBLIC_KEY: await exportSPKI(keys.publicKey),
        HUB_TOKEN_AUDIENCE: 'hub-prod',
      }),
    ).toMatchObject({
      registryFile: '/etc/govgraph/registry.json',
      citizenIssuer: { issuer: 'https://id.gov.example' },
      audience: 'hub-prod',
    });
    expect(() => hubAccessConfig({ HUB_CITIZEN_ISSUER: 'https://id.gov.example' })).toThrow(
      /HUB_CITIZEN_PUBLIC_KEY is not set/,
    );
    expect(() => hubAccessConfig({ HUB_CITIZEN_PUBLIC_KEY: jwk })).toThrow(
      /HUB_CITIZEN_ISSUER is not set/,
    );
    expect(() =>
      hubAccessConfig({ HUB_CITIZEN_ISSUER: 'https://id', HUB_CITIZEN_PUBLIC_KEY: 'abc' }),
    ).toThrow(ConfigError);
    expect(() =>
      hubAccessConfig({ HUB_CITIZEN_ISSUER: 'https://id', HUB_CITIZEN_PUBLIC_KEY: 'abc' }),
    ).toThrow(
      /HUB_CITIZEN_PUBLIC_KEY is "abc": the public key must be a JWK \(JSON\) or an SPKI PEM/,
    );
  });
});

describe.each(ENGINES)('hub store on %s', (engine) => {
  it('opens a fresh database from several connections at once, as the gateway and the tracker do at start', async () => {
    const database = await createTestDatabase(engine, 'hub_open');
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openHubStore(database.options)),
      );
      const [first] = stores;
      const head = await first?.db.selectFrom('audit_head').selectAll().execute();
      expect(head).toEqual([{ id: 1, seq: 0, hash: '0'.repeat(64), indexed_seq: 0 }]);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await database.drop();
    }
  });

  it('keys the subject index by (subject, seq) only; migrating down restores the seq key', async () => {
    const database = await createTestDatabase(engine, 'hub_index_keys');
    const store = await openHubStore(database.options);
    try {
      // The sweep writes each row into one key (docs/architecture.md#the-subject-index).
      const keys = async () =>
        (engine === 'postgres'
          ? await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where tablename = 'audit_subjects'`.execute(
              store.db,
            )
          : await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'audit_subjects'`.execute(
              store.db,
            )
        ).rows
          .map((r) => r.name)
          .sort();
      const primary =
        engine === 'postgres' ? 'audit_subjects_pk' : 'sqlite_autoindex_audit_subjects_1';
      // On SQLite the table without rowid is its own key: no index beside it.
      const latest = engine === 'postgres' ? [primary] : [];
      expect(await keys()).toEqual(latest);
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: async () => hubMigrations(engine) },
      });
      expect(
        (await migrator.migrateTo('0009_audit_indexed_seq')).results?.map((r) => r.migrationName),
      ).toEqual(['0011_audit_subjects_without_rowid', '0010_audit_subjects_one_key']);
      expect(await keys()).toEqual([primary, 'audit_subjects_seq'].sort());
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await keys()).toEqual(latest);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('keeps the subject index in one b-tree on SQLite (without rowid), its rows through migrations', async () => {
    const database = await createTestDatabase(engine, 'hub_index_rowid');
    const store = await openHubStore(database.options);
    try {
      const tableSql = async () =>
        (
          await sql<{
            sql: string;
          }>`select sql from sqlite_master where type = 'table' and name = 'audit_subjects'`.execute(
            store.db,
          )
        ).rows[0]?.sql ?? '';
      const rows = [
        { subject: '110105194912310021', seq: 2 },
        { subject: '110105194912310021', seq: 1 },
        { subject: '91110000100000000X', seq: 1 },
      ];
      await store.db.insertInto('audit_subjects').values(rows).execute();
      const read = () =>
        store.db
          .selectFrom('audit_subjects')
          .selectAll()
          .orderBy('subject')
          .orderBy('seq')
          .execute();
      const sorted = [rows[1], rows[0], rows[2]];
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: async () => hubMigrations(engine) },
      });
      if (engine === 'sqlite') expect(await tableSql()).toMatch(/without rowid$/i);
      expect((await migrator.migrateDown()).results).toEqual([
        {
          migrationName: '0011_audit_subjects_without_rowid',
          direction: 'Down',
          status: 'Success',
        },
      ]);
      if (engine === 'sqlite') expect(await tableSql()).not.toMatch(/without rowid/i);
      expect((await read()).map((r) => ({ subject: r.subject, seq: Number(r.seq) }))).toEqual(
        sorted,
      );
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      if (engine === 'sqlite') expect(await tableSql()).toMatch(/without rowid$/i);
      expect((await read()).map((r) => ({ subject: r.subject, seq: Number(r.seq) }))).toEqual(
        sorted,
      );
      // Still the one key: a row twice is refused.
      await expect(
        store.db
          .insertInto('audit_subjects')
          .values(rows[0] ?? rows)
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
