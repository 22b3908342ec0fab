import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { runAgencyCli } from '../src/cli/runAgencyCli.js';
import {
  createAccessRegistry,
  createOperatorSessions,
  DEFAULT_REGISTRY_FILE,
  SESSION_PREFIX,
} from '../src/index.js';
import { captureOutput, useHubStore } from './useHubStore.js';

// Service-desk operators and their sessions in the hub store (docs/access.md "Service-desk
// sessions"), on both engines: the `agency operator` commands, the stored password hash, and a
// session as a bearer credential that fixes the operator.

describe.each(ENGINES)('operators and sessions on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_ops', registryFile: DEFAULT_REGISTRY_FILE });
  const agency = async (...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAgencyCli(argv, hub.env, out, err);
    return { code, out: out.text, err: err.text };
  };
  const passwordIn = (out: string) => /\n\n {2}(\S+)\n\n/.exec(out)?.[1] ?? '';

  it('adds an operator with a one-time password, stored only as a scrypt hash', async () => {
    const added = await agency(
      'operator',
      'add',
      'service-desk-app',
      'clerk-01',
      '--name',
      'Li Na',
    );
    expect(added.code, added.err).toBe(0);
    const password = passwordIn(added.out);
    expect(password).toMatch(/^[\w-]{20}$/);
    const row = await hub.store.db
      .selectFrom('operators')
      .selectAll()
      .where('id', '=', 'clerk-01')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(row.password_hash).not.toContain(password);
    const listed = await agency('operator', 'list', 'service-desk-app');
    expect(listed.out).toMatch(/clerk-01\s+Li Na\s+active/);
    const again = await agency('operator', 'add', 'service-desk-app', 'clerk-01', '--name', 'X');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already has an operator clerk-01');
    const bad = await agency('operator', 'add', 'service-desk-app', 'no spaces!', '--name', 'X');
    expect(bad.code).toBe(1);
    const unknown = await agency('operator', 'add', 'no-such-agency', 'clerk-01', '--name', 'X');
    expect(unknown.code).toBe(1);
  });

  it('signs in to a session the registry accepts as the agency, with the operator fixed', async () => {
    const { out } = await agency('operator', 'add', 'service-desk-app', 'clerk-02', '--name', 'Wu');
    const sessions = createOperatorSessions(hub.store);
    const session = await sessions.signIn({
      agencyId: 'service-desk-app',
      operatorId: 'clerk-02',
      password: passwordIn(out),
    });
    expect(session.token.startsWith(SESSION_PREFIX)).toBe(true);
    expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    const registry = await createAccessRegistry({ store: hub.store });
    try {
      const caller = await registry.authenticate({ bearerToken: session.token });
      expect(caller).toMatchObject({
        kind: 'agency',
        agencyId: 'service-desk-app',
        department: 'GOVERNMENT_SERVICES',
        credential: 'session',
        operatorId: 'clerk-02',
      });
      // A new password ends the sessions made with the old one.
      const reset = await agency('operator', 'password', 'service-desk-app', 'clerk-02');
      expect(reset.code).toBe(0);
      await expect(registry.authenticate({ bearerToken: session.token })).rejects.toThrow(
        /signed out/,
      );
      await expect(
        sessions.signIn({
          agencyId: 'service-desk-app',
          operatorId: 'clerk-02',
          password: passwordIn(out),
        }),
      ).rejects.toThrow(/wrong/);
      const fresh = await sessions.signIn({
        agencyId: 'service-desk-app',
        operatorId: 'clerk-02',
        password: passwordIn(reset.out),
      });
      await agency('operator', 'disable', 'service-desk-app', 'clerk-02');
      await expect(registry.authenticate({ bearerToken: fresh.token })).rejects.toThrow(
        /signed out/,
      );
      await agency('operator', 'enable', 'service-desk-app', 'clerk-02');
      const back = await sessions.signIn({
        agencyId: 'service-desk-app',
        operatorId: 'clerk-02',
        password: passwordIn(reset.out),
      });
      await sessions.signOut(back.token);
      await expect(registry.authenticate({ bearerToken: back.token })).rejects.toThrow(
        /signed out/,
      );
    } finally {
      await registry.close();
    }
  });

  it('refuses a session of a disabled agency', async () => {
    const { out } = await agency('operator', 'add', 'tax-bureau', 'inspector-01', '--name', 'Chen');
    const sessions = createOperatorSessions(hub.store);
    const session = await sessions.signIn({
      agencyId: 'tax-bureau',
      operatorId: 'inspector-01',
      password: passwordIn(out),
    });
    const registry = await createAccessRegistry({ store: hub.store });
    try {
      await agency('disable', 'tax-bureau');
      await registry.refresh();
      await expect(registry.authenticate({ bearerToken: session.token })).rejects.toThrow(
        /disabled/,
      );
      await expect(
        sessions.signIn({
          agencyId: 'tax-bureau',
          operatorId: 'inspector-01',
          password: passwordIn(out),
        }),
      ).rejects.toThrow(/disabled/);
    } finally {
      await agency('enable', 'tax-bureau');
      await registry.close();
    }
  });

  it('prints usage for a malformed operator command', async () => {
    const { code, err } = await agency('operator', 'rename', 'service-desk-app', 'clerk-01');
    expect(code).toBe(2);
    expect(err).toContain('operator takes add');
  });
});
