import { parseArgs } from 'node:util';
import { UsageError } from '@govgraph/schema/runtime';
import { checkCreditCode, checkNationalId } from '@govgraph/schema/scalars';
import { createAuditReader } from '../audit/createAuditReader.js';
import { latestAuditRecords } from '../audit/latestAuditRecords.js';
import { verifyAuditChain } from '../audit/verifyAuditChain.js';
import type { AuditRecord } from '../types.js';
import { type CliOutput, type Env, runHubCommand } from './cliSupport.js';

export const AUDIT_USAGE = `Usage: npm run audit -- <command>

  verify                         check the hash chain; exit 1 naming the first broken record
  tail [-n 20]                   the newest records
  subject <nationalId|creditCode> [-n 50]
                                 who read this person's or company's data, newest first

The hub database is HUB_DATABASE_URL (PostgreSQL) or hub.sqlite in GOVGRAPH_DATA_DIR.
`;

type AuditCommand =
  | { kind: 'verify' }
  | { kind: 'tail'; limit: number }
  | { kind: 'subject'; subject: string; limit: number };

function parseAuditArgs(argv: readonly string[]): AuditCommand {
  let parsed: ReturnType<
    typeof parseArgs<{ options: { n: { type: 'string'; short: 'n' } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { n: { type: 'string', short: 'n' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = parsed.positionals;
  const limit = (fallback: number) => {
    if (parsed.values.n === undefined) return fallback;
    const n = Number(parsed.values.n);
    if (!Number.isInteger(n) || n < 1 || n > 10_000)
      throw new UsageError(`-n takes a whole number from 1 to 10000, not ${parsed.values.n}`);
    return n;
  };
  if (command === 'verify' && rest.length === 0 && parsed.values.n === undefined)
    return { kind: 'verify' };
  if (command === 'tail' && rest.length === 0) return { kind: 'tail', limit: limit(20) };
  if (command === 'subject' && rest.length === 1) {
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
 * `npm run audit -- …`: verifies and reads the audit log. Returns the exit code: 0 done (or
 * the chain is intact), 1 the chain is broken, 2 bad arguments.
 */
export async function runAuditCli(
  argv: readonly string[],
  env: Env,
  out: CliOutput,
  err: CliOutput = out,
): Promise<number> {
  // Every audit command only reads: none syncs the registry file or writes to the store.
  const spec = { usage: AUDIT_USAGE, parse: parseAuditArgs, readOnly: () => true };
  return runHubCommand(argv, env, { out, err }, spec, async (store, command) => {
    switch (command.kind) {
      case 'verify': {
        const verdict = await verifyAuditChain(store);
        if (verdict.ok) {
          out.write(`Audit chain intact: ${verdict.records} records verified.\n`);
          return 0;
        }
        err.write(`Audit chain BROKEN at record ${verdict.seq}: ${verdict.reason}.\n`);
        return 1;
      }
      case 'tail': {
        const records = await latestAuditRecords(store, command.limit);
        out.write(
          records.length === 0
            ? 'The audit log is empty.\n'
            : records.map(formatAuditRecord).join(''),
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
  });
}
