import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { runAuditCli } from '../src/cli/runAuditCli.js';
import { createAuditLog, type HubStore } from '../src/index.js';
import { auditEntry } from './auditEntries.js';
import { captureOutput, useHubStore } from './useHubStore.js';

const logger = createLogger('hub-test', 'silent');
const AUDIT_CLI = fileURLToPath(new URL('../src/cli/audit.ts', import.meta.url));

/** Appends entries numbered `from`..`to` through the audit log, overlapping (group commit). */
async function append(store: HubStore, from: number, to: number): Promise<void> {
  const log = createAuditLog({ store, logger, maxBatch: 3 });
  await Promise.all(
    Array.from({ length: to - from + 1 }, (_, i) => log.append(auditEntry(from + i))),
  );
  await log.close();
}

/** Resolves once `check` holds, polling every 20 ms (the test's own timeout bounds it). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const seqs = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { seq: number }).seq);

describe.each(ENGINES)('audit tail --json on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_audit_export' });

  const audit = async (...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAuditCli(argv, hub.env, out, err);
    return { code, out: out.text, err: err.text };
  };

  it('prints the stored fields of each record as one JSON line, oldest first', async () => {
    expect(await audit('tail', '--json')).toEqual({ code: 0, out: '', err: '' });
    await append(hub.store, 1, 5);
    const { code, out } = await audit('tail', '--json', '-n', '2');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'seq',
      'at',
      'requestId',
      'correlationId',
      'callerKind',
      'agencyId',
      'operatorId',
      'purpose',
      'caseId',
      'operationHash',
      'operationName',
      'coordinates',
      'denied',
      'subjects',
      'outcome',
      'phase',
      'cached',
      'prevHash',
      'hash',
    ]);
    const stored = await hub.store.db
      .selectFrom('audit_records')
      .selectAll()
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      seq: 4,
      at: stored.at,
      requestId: stored.request_id,
      correlationId: null,
      agencyId: 'tax-bureau',
      caseId: stored.case_id,
      coordinates: JSON.parse(stored.coordinates),
      subjects: JSON.parse(stored.subjects),
      phase: null,
      prevHash: stored.prev_hash,
      hash: stored.hash,
    });
    expect(seqs(out)).toEqual([4, 5]);
  });

  it('resumes from a sequence number with --from, and prints nothing past the head', async () => {
    expect(seqs((await audit('tail', '--json', '--from', '3')).out)).toEqual([3, 4, 5]);
    expect(await audit('tail', '--json', '--from', '6')).toEqual({ code: 0, out: '', err: '' });
  });

  it('refuses --follow, --from or --interval without --json, and bad numbers', async () => {
    for (const argv of [
      ['tail', '--follow'],
      ['tail', '--from', '3'],
      ['tail', '--json', '--from', '0'],
      ['tail', '--json', '--from', 'x'],
      ['tail', '--json', '--interval', '5'],
      ['verify', '--json'],
    ]) {
      const result = await audit(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('Usage: npm run audit');
    }
  });

  it('follows: prints records appended after it started, in order, once each, until stopped', async () => {
    const stop = new AbortController();
    const out = captureOutput();
    const err = captureOutput();
    const running = runAuditCli(
      ['tail', '--json', '--follow', '-n', '1', '--interval', '30'],
      hub.env,
      out,
      err,
      stop.signal,
    );
    await until(() => seqs(out.text).length === 1);
    // Two audit logs (two gateway instances) appending at once while it follows.
    await Promise.all([append(hub.store, 6, 12), append(hub.store, 13, 20)]);
    await until(() => seqs(out.text).length >= 16);
    stop.abort();
    expect(await running).toBe(0);
    expect(err.text).toBe('');
    expect(seqs(out.text)).toEqual(Array.from({ length: 16 }, (_, i) => 5 + i));
  });

  it('follows as a process and stops cleanly on Ctrl-C (SIGINT), exit code 0', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        AUDIT_CLI,
        'tail',
        '--json',
        '--follow',
        '--from',
        '19',
        '--interval',
        '50',
      ],
      { env: { ...process.env, ...hub.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(() => seqs(stdout).length === 2 || child.exitCode !== null);
      expect(seqs(stdout)).toEqual([19, 20]);
      await append(hub.store, 21, 30);
      await until(() => seqs(stdout).length >= 12 || child.exitCode !== null);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    expect(stderr).toBe('');
    expect(seqs(stdout)).toEqual(Array.from({ length: 12 }, (_, i) => 19 + i));
  }, 60_000);
});
