import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@govgraph/server';
import { ENGINES } from '@govgraph/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAuditCli } from '../src/cli/runAuditCli.js';
import { type AuditCheckpoint, createAuditLog, type HubStore } from '../src/index.js';
import { auditEntry } from './auditEntries.js';
import { emptyChain } from './emptyChain.js';
import { captureOutput, useHubStore } from './useHubStore.js';

const logger = createLogger('hub-test', 'silent');

async function append(store: HubStore, from: number, to: number): Promise<void> {
  const log = createAuditLog({ store, logger, maxBatch: 4 });
  await Promise.all(
    Array.from({ length: to - from + 1 }, (_, i) => log.append(auditEntry(from + i))),
  );
  await log.close();
}

/**
 * What an intruder with write access to the hub database does to hide the newest accesses:
 * deletes the records after `keep` (and their subject index rows) and rewinds the head to
 * record `keep`, so the chain that is left is whole and `verify` alone finds nothing.
 */
async function deleteNewestAndRewind(store: HubStore, keep: number): Promise<void> {
  await store.db.deleteFrom('audit_subjects').where('seq', '>', keep).execute();
  await store.db.deleteFrom('audit_records').where('seq', '>', keep).execute();
  const last = await store.db
    .selectFrom('audit_records')
    .select('hash')
    .where('seq', '=', keep)
    .executeTakeFirstOrThrow();
  await store.db
    .updateTable('audit_head')
    .set({ seq: keep, hash: last.hash, indexed_seq: keep })
    .execute();
}

/** The two environment lines `checkpoint-key` prints, as variables. */
async function newKeys(): Promise<{ privateKey: string; publicKey: string }> {
  const out = captureOutput();
  expect(await runAuditCli(['checkpoint-key'], {}, out)).toBe(0);
  const value = (name: string) =>
    new RegExp(`^${name}='(.*)'$`, 'm').exec(out.text)?.[1] ?? 'missing';
  return {
    privateKey: value('AUDIT_CHECKPOINT_PRIVATE_KEY'),
    publicKey: value('AUDIT_CHECKPOINT_PUBLIC_KEY'),
  };
}

describe.each(ENGINES)('signed audit checkpoints on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_audit_checkpoints' });
  let scratch: string;
  let file: string;
  let keys: { privateKey: string; publicKey: string };
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'govgraph-checkpoints-'));
    keys = await newKeys();
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  beforeEach(async (context) => {
    await emptyChain(hub.store);
    file = join(scratch, `${context.task.id}.jsonl`);
  });

  /** The operator who writes checkpoints holds the private key. */
  const signerEnv = () => ({
    ...hub.env,
    AUDIT_CHECKPOINT_PRIVATE_KEY: keys.privateKey,
    AUDIT_CHECKPOINT_FILE: file,
  });
  /** The verifier holds only the public key. */
  const verifierEnv = () => ({ ...hub.env, AUDIT_CHECKPOINT_PUBLIC_KEY: keys.publicKey });
  const run = async (env: Record<string, string | undefined>, ...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAuditCli(argv, env, out, err);
    return { code, out: out.text, err: err.text };
  };
  const checkpoint = () => run(signerEnv(), 'checkpoint');
  const verify = () => run(verifierEnv(), 'verify', '--checkpoints', file);
  const lines = (): AuditCheckpoint[] =>
    readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditCheckpoint);

  it('appends a signed checkpoint of the head per run; a normal chain passes verify', async () => {
    await append(hub.store, 1, 10);
    const first = await checkpoint();
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      new RegExp(
        `^Checkpoint written to ${file}: record 10, hash [0-9a-f]{16}…, at \\S+Z, key \\S+\\.\\n$`,
      ),
    );
    await append(hub.store, 11, 14);
    expect((await checkpoint()).code).toBe(0);
    expect((await checkpoint()).code).toBe(0); // nothing new: the same head, signed again
    const written = lines();
    expect(written.map((c) => c.seq)).toEqual([10, 14, 14]);
    const head = await hub.store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(written[1]?.hash).toBe(head.hash);
    expect(Object.keys(written[0] ?? {})).toEqual(['seq', 'hash', 'at', 'kid', 'sig']);
    await append(hub.store, 15, 16);
    const verdict = await verify();
    expect(verdict).toEqual({
      code: 0,
      out: `Audit chain intact: 16 records verified; 3 checkpoints hold (newest: record 14 at ${written[2]?.at}).\n`,
      err: '',
    });
  });

  it('detects the newest records deleted and the head rewound, naming the checkpoint', async () => {
    await append(hub.store, 1, 8);
    await checkpoint();
    await append(hub.store, 9, 12);
    await checkpoint();
    const at = lines()[1]?.at;
    await deleteNewestAndRewind(hub.store, 9);
    // The chain that is left is whole: verify without checkpoints cannot tell.
    expect(await run(verifierEnv(), 'verify')).toEqual({
      code: 0,
      out: 'Audit chain intact: 9 records verified.\n',
      err: '',
    });
    expect(await verify()).toEqual({
      code: 1,
      out: '',
      err: `Audit chain BROKEN against checkpoint line 2 of ${file}: the chain head is record 9, behind the checkpoint of record 12 at ${at}: records 10 to 12 (at least) were deleted and the head rewound.\n`,
    });
    // The scheduled checkpoint refuses to bless the rewound head.
    const refused = await checkpoint();
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^Checkpoint refused: the chain \(head: record 9\) no longer holds the newest checkpoint \(record 12 at /,
    );
    expect(lines()).toHaveLength(2);
  });

  it('detects a rewind covered up by appending new records past the checkpoint', async () => {
    await append(hub.store, 1, 6);
    await checkpoint();
    await deleteNewestAndRewind(hub.store, 3);
    await append(hub.store, 40, 50); // the head moves past 6 again, on other records
    expect((await run(verifierEnv(), 'verify')).code).toBe(0);
    const verdict = await verify();
    expect(verdict.code).toBe(1);
    expect(verdict.err).toBe(
      `Audit chain BROKEN against checkpoint line 1 of ${file}: record 6 no longer has the hash the checkpoint of record 6 at ${lines()[0]?.at} signed: the chain from there was rewritten.\n`,
    );
    const refused = await checkpoint();
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^Checkpoint refused: the chain \(head: record 14\) no longer holds the newest checkpoint \(record 6 at /,
    );
    expect(lines()).toHaveLength(1);
  });

  it('refuses a forged checkpoint: edited fields, another key, a line that is not one', async () => {
    await append(hub.store, 1, 5);
    await checkpoint();
    const [real] = lines();
    if (!real) throw new Error('no checkpoint written');
    const original = readFileSync(file, 'utf8');

    // Moved back to make a rewind look expected: the signature no longer matches.
    writeFileSync(file, `${JSON.stringify({ ...real, seq: 3 })}\n`);
    expect((await verify()).err).toBe(
      `Audit chain BROKEN against checkpoint line 1 of ${file}: checkpoint of record 3 at ${real.at} has a bad signature: it was forged or edited, refused.\n`,
    );

    // Signed with a key of the intruder's own, claiming the real key id or its own.
    const other = await newKeys();
    const otherFile = join(scratch, 'other.jsonl');
    await run(
      { ...signerEnv(), AUDIT_CHECKPOINT_PRIVATE_KEY: other.privateKey },
      'checkpoint',
      '--file',
      otherFile,
    );
    const [foreign] = readFileSync(otherFile, 'utf8').trimEnd().split('\n');
    const forged = JSON.parse(foreign ?? '{}') as AuditCheckpoint;
    writeFileSync(file, `${JSON.stringify({ ...forged, kid: real.kid })}\n`);
    expect((await verify()).err).toMatch(/checkpoint of record 5 at \S+ has a bad signature/);
    writeFileSync(file, `${JSON.stringify(forged)}\n`);
    expect((await verify()).err).toMatch(
      new RegExp(
        `is signed by key ${forged.kid}, which is not among the configured AUDIT_CHECKPOINT_PUBLIC_KEY keys: refused as forged`,
      ),
    );

    // A genuine older checkpoint replayed after a newer one, to make a rewind look signed.
    writeFileSync(file, original);
    await append(hub.store, 6, 8);
    await checkpoint();
    appendFileSync(file, original);
    expect((await verify()).err).toBe(
      `Audit chain BROKEN against checkpoint line 3 of ${file}: checkpoint of record 5 at ${real.at} names an earlier record than the checkpoint before it (8): the chain was rewound between them.\n`,
    );

    writeFileSync(file, original);
    appendFileSync(file, '{"seq": 5}\n');
    expect((await verify()).err).toBe(
      `Audit chain BROKEN against checkpoint line 2 of ${file}: the line cannot be read: it lacks seq, hash, at, kid or sig.\n`,
    );
    writeFileSync(file, original);
    expect((await verify()).code).toBe(0);
  });

  it('says which setting is missing or unusable (exit 2)', async () => {
    const noKey = await run({ ...hub.env, AUDIT_CHECKPOINT_FILE: file }, 'checkpoint');
    expect(noKey).toEqual({
      code: 2,
      out: '',
      err: 'AUDIT_CHECKPOINT_PRIVATE_KEY is not set: checkpoints are signed with it. `npm run audit -- checkpoint-key` prints a key pair.\n',
    });
    const noFile = await run(
      { ...hub.env, AUDIT_CHECKPOINT_PRIVATE_KEY: keys.privateKey },
      'checkpoint',
    );
    expect(noFile.code).toBe(2);
    expect(noFile.err).toMatch(
      /^Name the checkpoint file: set AUDIT_CHECKPOINT_FILE or give --file/,
    );
    const rsa = await run(
      { ...hub.env, AUDIT_CHECKPOINT_PUBLIC_KEY: '{"kty":"oct","k":"c2VjcmV0"}' },
      'verify',
      '--checkpoints',
      file,
    );
    expect(rsa.code).toBe(2);
    expect(rsa.err).toMatch(
      /^AUDIT_CHECKPOINT_PUBLIC_KEY (is not a usable JWK|must be an Ed25519 key)/,
    );
    const missing = await run(
      verifierEnv(),
      'verify',
      '--checkpoints',
      join(scratch, 'none.jsonl'),
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read the checkpoint file .*none\.jsonl/);
  });
});
