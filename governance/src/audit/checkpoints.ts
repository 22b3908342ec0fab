import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { ensureError } from '@govgraph/schema';
import { ConfigError } from '@govgraph/server';
import type { HubStore } from '../store/openHubStore.js';

/**
 * A signed statement of the audit chain's head: "at `at`, the chain ended at record `seq`
 * whose hash is `hash`". Kept outside the hub store, so whoever can rewrite the store cannot
 * rewrite the checkpoints too.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** ISO 8601 UTC. */
  at: string;
  /** RFC 7638 thumbprint of the public key that verifies `sig`. */
  kid: string;
  /** Ed25519 signature over `checkpointPayload`, base64url. */
  sig: string;
}

/** The signing key and the key id written beside each signature. */
export interface CheckpointSigner {
  privateKey: KeyObject;
  kid: string;
}

/** The bytes signed: a fixed label (no other govgraph signature can be replayed as one), then the fields. */
export function checkpointPayload(c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at'>): Buffer {
  return Buffer.from(`govgraph-audit-checkpoint-v1\n${c.seq}\n${c.hash}\n${c.at}`, 'utf8');
}

/** RFC 7638 thumbprint of an Ed25519 public key. */
function thumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** A fresh Ed25519 key pair as the two environment lines `audit checkpoint-key` prints. */
export function generateCheckpointKeys(): { privateJwk: string; publicJwk: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateJwk: JSON.stringify(privateKey.export({ format: 'jwk' })),
    publicJwk: JSON.stringify(publicKey.export({ format: 'jwk' })),
  };
}

function ed25519Key(text: string, variable: string, kind: 'private' | 'public'): KeyObject {
  let key: KeyObject;
  try {
    const jwk = JSON.parse(text) as JsonWebKey;
    key =
      kind === 'private'
        ? createPrivateKey({ key: jwk, format: 'jwk' })
        : createPublicKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    throw new ConfigError(
      `${variable} is not a usable JWK (${ensureError(error).message}); \`npm run audit -- checkpoint-key\` prints a new pair.`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(
      `${variable} must be an Ed25519 key (OKP, crv Ed25519), not ${key.asymmetricKeyType ?? 'a secret'}; \`npm run audit -- checkpoint-key\` prints one.`,
    );
  }
  return key;
}

/** The signer from `AUDIT_CHECKPOINT_PRIVATE_KEY`. Throws a ConfigError when it is unset or unusable. */
export function checkpointSigner(env: Record<string, string | undefined>): CheckpointSigner {
  const text = env.AUDIT_CHECKPOINT_PRIVATE_KEY ?? '';
  if (text.trim() === '') {
    throw new ConfigError(
      'AUDIT_CHECKPOINT_PRIVATE_KEY is not set: checkpoints are signed with it. `npm run audit -- checkpoint-key` prints a key pair.',
    );
  }
  const privateKey = ed25519Key(text, 'AUDIT_CHECKPOINT_PRIVATE_KEY', 'private');
  return { privateKey, kid: thumbprint(createPublicKey(privateKey)) };
}

/**
 * The keys checkpoints are verified with, by key id: `AUDIT_CHECKPOINT_PUBLIC_KEY` (one JWK, or
 * a JSON array of them after a rotation), else the public half of `AUDIT_CHECKPOINT_PRIVATE_KEY`.
 */
export function checkpointVerifiers(
  env: Record<string, string | undefined>,
): Map<string, KeyObject> {
  const text = env.AUDIT_CHECKPOINT_PUBLIC_KEY ?? '';
  if (text.trim() === '') {
    if ((env.AUDIT_CHECKPOINT_PRIVATE_KEY ?? '').trim() === '') {
      throw new ConfigError(
        'Set AUDIT_CHECKPOINT_PUBLIC_KEY (the JWK `npm run audit -- checkpoint-key` printed) to verify checkpoints.',
      );
    }
    const signer = checkpointSigner(env);
    return new Map([[signer.kid, createPublicKey(signer.privateKey)]]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `AUDIT_CHECKPOINT_PUBLIC_KEY is not JSON (${ensureError(error).message}): give a JWK or an array of JWKs.`,
    );
  }
  const keys = new Map<string, KeyObject>();
  for (const jwk of Array.isArray(parsed) ? parsed : [parsed]) {
    const key = ed25519Key(JSON.stringify(jwk), 'AUDIT_CHECKPOINT_PUBLIC_KEY', 'public');
    keys.set(thumbprint(key), key);
  }
  return keys;
}

/** The chain head as the store holds it now. */
async function chainHead(store: HubStore): Promise<{ seq: number; hash: string }> {
  const head = await store.db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head) throw new CheckpointError('the chain head row (audit_head id 1) is missing');
  return { seq: Number(head.seq), hash: head.hash };
}

/** A checkpoint that cannot be written, or a checkpoint file that does not hold. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/**
 * Signs the chain head and appends it as one JSON line to `file`. Refuses (CheckpointError)
 * when the head is behind, or differs from, the newest checkpoint already in the file: the
 * store was rewound, and signing it would bless that.
 */
export async function writeCheckpoint(
  store: HubStore,
  file: string,
  signer: CheckpointSigner,
  now: Date = new Date(),
): Promise<AuditCheckpoint> {
  const head = await chainHead(store);
  const newest = (await readCheckpointFile(file, true)).at(-1);
  if (newest && 'checkpoint' in newest && !(await stillHolds(store, head, newest.checkpoint))) {
    const last = newest.checkpoint;
    throw new CheckpointError(
      `the chain (head: record ${head.seq}) no longer holds the newest checkpoint (record ${last.seq} at ${last.at}): records were removed or rewritten. Run \`npm run audit -- verify --checkpoints ${file}\`; no checkpoint was written`,
    );
  }
  const unsigned = { seq: head.seq, hash: head.hash, at: now.toISOString() };
  const checkpoint: AuditCheckpoint = {
    ...unsigned,
    kid: signer.kid,
    sig: sign(null, checkpointPayload(unsigned), signer.privateKey).toString('base64url'),
  };
  // One write in append mode, flushed to disk before the command reports success.
  const handle = await open(file, 'a', 0o644);
  try {
    await handle.appendFile(`${JSON.stringify(checkpoint)}\n`, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return checkpoint;
}

/** Whether the store still has the checkpoint's record with its hash, at or before the head. */
async function stillHolds(
  store: HubStore,
  head: { seq: number; hash: string },
  checkpoint: AuditCheckpoint,
): Promise<boolean> {
  if (head.seq < checkpoint.seq) return false;
  if (head.seq === checkpoint.seq) return head.hash === checkpoint.hash;
  if (checkpoint.seq === 0) return true;
  const row = await store.db
    .selectFrom('audit_records')
    .select('hash')
    .where('seq', '=', checkpoint.seq)
    .executeTakeFirst();
  return row?.hash === checkpoint.hash;
}

type CheckpointLine = { line: number; checkpoint: AuditCheckpoint } | { line: number; bad: string };

/** The file's lines, parsed; a missing file is empty when `missingOk`. */
async function readCheckpointFile(file: string, missingOk: boolean): Promise<CheckpointLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (missingOk && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CheckpointError(
      `cannot read the checkpoint file ${file}: ${ensureError(error).message}`,
    );
  }
  const lines: CheckpointLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    lines.push(parseCheckpointLine(raw, index + 1));
  });
  return lines;
}

function parseCheckpointLine(raw: string, line: number): CheckpointLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { line, bad: 'it is not JSON' };
  }
  const c = value as Partial<AuditCheckpoint> | null;
  if (
    c === null ||
    typeof c !== 'object' ||
    !Number.isSafeInteger(c.seq) ||
    typeof c.hash !== 'string' ||
    typeof c.at !== 'string' ||
    typeof c.kid !== 'string' ||
    typeof c.sig !== 'string'
  ) {
    return { line, bad: 'it lacks seq, hash, at, kid or sig' };
  }
  return {
    line,
    checkpoint: { seq: Number(c.seq), hash: c.hash, at: c.at, kid: c.kid, sig: c.sig },
  };
}

/** The verdict on a checkpoint file against the store. */
export type CheckpointVerdict =
  | { ok: true; checkpoints: number; newest: AuditCheckpoint | null }
  | { ok: false; line: number; reason: string };

function describe(c: AuditCheckpoint): string {
  return `checkpoint of record ${c.seq} at ${c.at}`;
}

/** Why a checkpoint's signature does not hold, or null when it does. */
function signatureProblem(c: AuditCheckpoint, keys: ReadonlyMap<string, KeyObject>): string | null {
  const key = keys.get(c.kid);
  if (!key) {
    return `${describe(c)} is signed by key ${c.kid}, which is not among the configured AUDIT_CHECKPOINT_PUBLIC_KEY keys: refused as forged`;
  }
  const signature = Buffer.from(c.sig, 'base64url');
  if (!verify(null, checkpointPayload(c), key, signature)) {
    return `${describe(c)} has a bad signature: it was forged or edited, refused`;
  }
  return null;
}

/**
 * Checks every checkpoint in `file`: its signature against `keys`, that seq never runs
 * backwards in the file, that the record it names is still in the store with the hash it
 * states, and that the head is at or past the newest one. Finds the newest records deleted
 * with the head rewound to match — which the chain alone cannot show. Run it after
 * `verifyAuditChain` has passed.
 */
export async function verifyCheckpoints(
  store: HubStore,
  file: string,
  keys: ReadonlyMap<string, KeyObject>,
): Promise<CheckpointVerdict> {
  const lines = await readCheckpointFile(file, false);
  const checkpoints: { line: number; checkpoint: AuditCheckpoint }[] = [];
  let previous: AuditCheckpoint | null = null;
  for (const entry of lines) {
    if ('bad' in entry) {
      return { ok: false, line: entry.line, reason: `the line cannot be read: ${entry.bad}` };
    }
    const problem = signatureProblem(entry.checkpoint, keys);
    if (problem) return { ok: false, line: entry.line, reason: problem };
    if (previous && entry.checkpoint.seq < previous.seq) {
      return {
        ok: false,
        line: entry.line,
        reason: `${describe(entry.checkpoint)} names an earlier record than the checkpoint before it (${previous.seq}): the chain was rewound between them`,
      };
    }
    previous = entry.checkpoint;
    checkpoints.push(entry);
  }
  const head = await chainHead(store);
  const newest = checkpoints.at(-1);
  if (newest && head.seq < newest.checkpoint.seq) {
    return {
      ok: false,
      line: newest.line,
      reason: `the chain head is record ${head.seq}, behind the ${describe(newest.checkpoint)}: records ${head.seq + 1} to ${newest.checkpoint.seq} (at least) were deleted and the head rewound`,
    };
  }
  const broken = await firstMissing(store, checkpoints);
  if (broken) return broken;
  return { ok: true, checkpoints: checkpoints.length, newest: newest?.checkpoint ?? null };
}

/** The first checkpoint whose record is gone or holds another hash. */
async function firstMissing(
  store: HubStore,
  checkpoints: readonly { line: number; checkpoint: AuditCheckpoint }[],
): Promise<{ ok: false; line: number; reason: string } | null> {
  for (let i = 0; i < checkpoints.length; i += 500) {
    const page = checkpoints.slice(i, i + 500);
    const seqs = [...new Set(page.map((p) => p.checkpoint.seq).filter((seq) => seq > 0))];
    const rows =
      seqs.length === 0
        ? []
        : await store.db
            .selectFrom('audit_records')
            .select(['seq', 'hash'])
            .where('seq', 'in', seqs)
            .execute();
    const hashes = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const { line, checkpoint } of page) {
      if (checkpoint.seq === 0) continue;
      const stored = hashes.get(checkpoint.seq);
      if (stored === undefined) {
        return {
          ok: false,
          line,
          reason: `record ${checkpoint.seq}, named by the ${describe(checkpoint)}, is gone from the store`,
        };
      }
      if (stored !== checkpoint.hash) {
        return {
          ok: false,
          line,
          reason: `record ${checkpoint.seq} no longer has the hash the ${describe(checkpoint)} signed: the chain from there was rewritten`,
        };
      }
    }
  }
  return null;
}
