import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { checkCreditCode, checkNationalId } from '@govgraph/schema/scalars';
import { ConfigError, UsageError } from '@govgraph/server';
import {
  CheckpointError,
  type CheckpointVerdict,
  checkpointSigner,
  checkpointVerifiers,
  generateCheckpointKeys,
  verifyCheckpoints,
  writeCheckpoint,
} from '../audit/checkpoints.js';
import { createAuditReader } from '../audit/createAuditReader.js';
import {
  auditRecordJson,
  auditRecordsFrom,
  followAuditRecords,
} from '../audit/exportAuditRecords.js';
import { latestAuditRecords } from '../audit/latestAuditRecords.js';
import { verifyAuditChain } from '../audit/verifyAuditChain.js';
import type { HubStore } from '../store/openHubStore.js';
import type { AuditRecord } from '../types.js';
import { type CliOutput, type Env, runHubCommand, userPath } from './cliSupport.js';

export const AUDIT_USAGE = `Usage: npm run audit -- <command>

  verify [--checkpoints <file>]  check the hash chain; exit 1 naming the first broken record.
                                 With --checkpoints, also check every signed checkpoint in
                                 the file still matches the chain (finds a rewound head)
  tail [-n 20]                   the newest records
  tail --json [-n 20] [--from <seq>] [--follow] [--interval <ms>]
                                 records as JSON lines, oldest first, for a SIEM: the last n,
                                 or all from seq <seq>; --follow keeps polling for new ones
                                 (every 1000 ms) until interrupted
  subject <nationalId|creditCode> [-n 50]
                                 who read this person's or company's data, newest first
  checkpoint [--file <file>]     sign the chain head (AUDIT_CHECKPOINT_PRIVATE_KEY) and append
                                 it to the file (default AUDIT_CHECKPOINT_FILE)
  checkpoint-key                 print a new Ed25519 key pair for signing checkpoints

The hub database is HUB_DATABASE_URL (PostgreSQL) or hub.sqlite in GOVGRAPH_DATA_DIR.
`;

type AuditCommand =
  | { kind: 'verify'; checkpoints: string | undefined }
  | { kind: 'tail'; limit: number }
  | {
      kind: 'export';
      limit: number;
      from: number | undefined;
      follow: boolean;
      intervalMs: number;
    }
  | { kind: 'subject'; subject: string; limit: number }
  | { kind: 'checkpoint'; file: string | undefined };

const AUDIT_OPTIONS = {
  n: { type: 'string', short: 'n' },
  json: { type: 'boolean' },
  follow: { type: 'boolean', short: 'f' },
  from: { type: 'string' },
  interval: { type: 'string' },
  checkpoints: { type: 'string' },
  file: { type: 'string' },
} as const;

type AuditOptionName = keyof typeof AUDIT_OPTIONS;

/** A whole number option in [min, max], or the fallback when it is not given. */
function wholeNumber(
  flag: string,
  value: string | undefined,
  range: [number, number],
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < range[0] || n > range[1])
    throw new UsageError(
      `${flag} takes a whole number from ${range[0]} to ${range[1]}, not ${value}`,
    );
  return n;
}

function parseAuditArgs(argv: readonly string[]): AuditCommand {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof AUDIT_OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: AUDIT_OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError(ensureError(error).message);
  }
  const { values } = parsed;
  const [command, ...rest] = parsed.positionals;
  const used = (Object.keys(values) as AuditOptionName[]).filter((k) => values[k] !== undefined);
  const only = (allowed: readonly AuditOptionName[]) => {
    const extra = used.filter((k) => !allowed.includes(k));
    if (extra.length > 0)
      throw new UsageError(`${command ?? ''} does not take --${extra.join(', --')}`);
  };
  const limit = (fallback: number) => wholeNumber('-n', values.n, [1, 10_000], fallback);
  if (command === 'verify' && rest.length === 0) {
    only(['checkpoints']);
    return { kind: 'verify', checkpoints: values.checkpoints };
  }
  if (command === 'tail' && rest.length === 0) return parseTail(values, only, limit);
  if (command === 'checkpoint' && rest.length === 0) {
    only(['file']);
    return { kind: 'checkpoint', file: values.file };
  }
  if (command === 'subject' && rest.length === 1) {
    only(['n']);
    const raw = (rest[0] ?? '').trim();
    const id = checkNationalId(raw);
    const code = checkCreditCode(raw);
    if (!id.ok && !code.ok) {
      throw new UsageError(
        `${JSON.stringify(raw)} is neither a national ID (${id.problem}) nor a credit code (${code.problem})`,
      );
    }
    return { kind: 'subject', subject: id.ok ? id.value : raw, limit: limit(50) };
  }
  throw new UsageError(
    command === undefined ? 'Name a command.' : `Cannot run ${JSON.stringify(argv.join(' '))}.`,
  );
}

/** `tail`: the text listing, or the JSON-lines export (`--json`, `--from`, `--follow`). */
function parseTail(
  values: { [K in AuditOptionName]?: string | boolean | undefined },
  only: (allowed: readonly AuditOptionName[]) => void,
  limit: (fallback: number) => number,
): AuditCommand {
  if (values.json !== true) {
    if (values.follow || values.from !== undefined || values.interval !== undefined)
      throw new UsageError('--follow, --from and --interval go with --json: tail --json --follow');
    only(['n']);
    return { kind: 'tail', limit: limit(20) };
  }
  only(['n', 'json', 'follow', 'from', 'interval']);
  const from = typeof values.from === 'string' ? values.from : undefined;
  const interval = typeof values.interval === 'string' ? values.interval : undefined;
  return {
    kind: 'export',
    limit: limit(20),
    from:
      from === undefined ? undefined : wholeNumber('--from', from, [1, Number.MAX_SAFE_INTEGER], 1),
    follow: values.follow === true,
    intervalMs: wholeNumber('--interval', interval, [10, 3_600_000], 1000),
  };
}

/** One record as a block of lines; never any returned data (the log holds none). */
function formatAuditRecord(r: AuditRecord): string {
  const who =
    r.callerKind === 'agency'
      ? `agency ${r.agencyId ?? '?'}`
      : r.callerKind === 'citizen'
        ? 'citizen (self)'
        : 'anonymous';
  const lines = [
    `#${r.seq}  ${r.at.toISOString()}  ${who}  purpose ${r.purpose ?? '-'}  case ${r.caseId ?? '-'}  operator ${r.operatorId ?? '-'}  ${r.outcome}${r.phase ? ` (${r.phase})` : ''}${r.cached ? ' (cache)' : ''}`,
    `    request ${r.requestId}${r.correlationId ? `  correlation ${r.correlationId}` : ''}  operation ${r.operationName ?? '(anonymous)'} ${r.operationHash.slice(0, 12)}`,
    `    fields ${r.coordinates.join(', ') || '-'}`,
  ];
  if (r.denied.length > 0)
    lines.push(`    denied ${r.denied.map((d) => `${d.coordinate} (${d.reason})`).join(', ')}`);
  lines.push(`    subjects ${r.subjects.join(', ') || '-'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `npm run audit -- …`: verifies, exports and reads the audit log, and signs checkpoints of
 * it. Returns the exit code: 0 done (or the chain is intact), 1 the chain is broken or a
 * checkpoint refused, 2 bad arguments or configuration. `signal` ends `tail --follow`.
 */
export async function runAuditCli(
  argv: readonly string[],
  env: Env,
  out: CliOutput,
  err: CliOutput = out,
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  if (argv.length === 1 && argv[0] === 'checkpoint-key') {
    out.write(checkpointKeyLines());
    return 0;
  }
  // Every audit command only reads: none syncs the registry file or writes to the store.
  const spec = { usage: AUDIT_USAGE, parse: parseAuditArgs, readOnly: () => true };
  return runHubCommand(argv, env, { out, err }, spec, async (store, command) => {
    try {
      return await execute(store, command, { env, out, err, signal });
    } catch (error) {
      if (error instanceof CheckpointError) {
        err.write(`Checkpoint refused: ${error.message}.\n`);
        return 1;
      }
      throw error;
    }
  });
}

interface AuditIo {
  env: Env;
  out: CliOutput;
  err: CliOutput;
  signal: AbortSignal;
}

async function execute(store: HubStore, command: AuditCommand, io: AuditIo): Promise<number> {
  const { out } = io;
  switch (command.kind) {
    case 'verify':
      return verify(store, command.checkpoints, io);
    case 'tail': {
      const records = await latestAuditRecords(store, command.limit);
      out.write(
        records.length === 0
          ? 'The audit log is empty.\n'
          : records.map(formatAuditRecord).join(''),
      );
      return 0;
    }
    case 'export':
      await exportRecords(store, command, io);
      return 0;
    case 'checkpoint': {
      const file = checkpointFile(command.file, io.env);
      const checkpoint = await writeCheckpoint(store, file, checkpointSigner(io.env));
      out.write(
        `Checkpoint written to ${file}: record ${checkpoint.seq}, hash ${checkpoint.hash.slice(0, 16)}…, at ${checkpoint.at}, key ${checkpoint.kid}.\n`,
      );
      return 0;
    }
    case 'subject': {
      const records =
        (await createAuditReader(store).recordsForSubjects([command.subject], command.limit)).get(
          command.subject,
        ) ?? [];
      out.write(
        records.length === 0
          ? `No recorded access to ${command.subject}.\n`
          : `${records.length} most recent accesses to ${command.subject}, newest first:\n${records.map(formatAuditRecord).join('')}`,
      );
      return 0;
    }
  }
}

/** The chain, then (with a file) every checkpoint against it. */
async function verify(store: HubStore, file: string | undefined, io: AuditIo): Promise<number> {
  // Keys are read first: a missing key is a configuration error, not a verdict.
  const keys = file === undefined ? undefined : checkpointVerifiers(io.env);
  const verdict = await verifyAuditChain(store);
  if (!verdict.ok) {
    io.err.write(`Audit chain BROKEN at record ${verdict.seq}: ${verdict.reason}.\n`);
    return 1;
  }
  if (file === undefined || keys === undefined) {
    io.out.write(`Audit chain intact: ${verdict.records} records verified.\n`);
    return 0;
  }
  const path = userPath(file, io.env);
  let checked: CheckpointVerdict;
  try {
    checked = await verifyCheckpoints(store, path, keys);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    io.err.write(`Cannot verify against the checkpoints: ${error.message}.\n`);
    return 1;
  }
  if (!checked.ok) {
    io.err.write(
      `Audit chain BROKEN against checkpoint line ${checked.line} of ${path}: ${checked.reason}.\n`,
    );
    return 1;
  }
  io.out.write(
    `Audit chain intact: ${verdict.records} records verified; ${checked.checkpoints === 1 ? '1 checkpoint holds' : `${checked.checkpoints} checkpoints hold`}` +
      (checked.newest
        ? ` (newest: record ${checked.newest.seq} at ${checked.newest.at}).\n`
        : '.\n'),
  );
  return 0;
}

/** `tail --json`: the last n records (or all from `--from`) as JSON lines, then maybe follow. */
async function exportRecords(
  store: HubStore,
  command: Extract<AuditCommand, { kind: 'export' }>,
  io: AuditIo,
): Promise<void> {
  const emit = (record: AuditRecord) =>
    io.out.write(`${JSON.stringify(auditRecordJson(record))}\n`);
  let from = command.from;
  if (from === undefined) {
    const latest = (await latestAuditRecords(store, command.limit)).reverse();
    latest.forEach(emit);
    from = (latest.at(-1)?.seq ?? (await headSeq(store))) + 1;
  } else if (!command.follow) {
    let next = from;
    for (;;) {
      const page = await auditRecordsFrom(store, next, 1000);
      page.forEach(emit);
      const last = page.at(-1);
      if (!last || page.length < 1000) return;
      next = last.seq + 1;
    }
  }
  if (!command.follow) return;
  await followAuditRecords(
    store,
    { from, intervalMs: command.intervalMs, signal: io.signal },
    emit,
  );
}

async function headSeq(store: HubStore): Promise<number> {
  const head = await store.db.selectFrom('audit_head').select('seq').executeTakeFirst();
  return Number(head?.seq ?? 0);
}

function checkpointFile(flag: string | undefined, env: Env): string {
  const file = flag ?? env.AUDIT_CHECKPOINT_FILE;
  if (file === undefined || file.trim() === '') {
    throw new ConfigError(
      'Name the checkpoint file: set AUDIT_CHECKPOINT_FILE or give --file. Keep it off the hub database host (see docs/access.md#audit-checkpoints).',
    );
  }
  return userPath(file, env);
}

function checkpointKeyLines(): string {
  const { privateJwk, publicJwk } = generateCheckpointKeys();
  return [
    '# Audit checkpoint key pair (Ed25519). The first line for whatever runs `npm run audit -- checkpoint`;',
    '# the second for whoever verifies (`npm run audit -- verify --checkpoints <file>`). Keep the private key off the hub database host.',
    `AUDIT_CHECKPOINT_PRIVATE_KEY='${privateJwk}'`,
    `AUDIT_CHECKPOINT_PUBLIC_KEY='${publicJwk}'`,
    '',
  ].join('\n');
}
