import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditEntry } from '../types.js';
import type { AuditWriteFailure } from './auditChainWriter.js';
import { AUDIT_ROW_COLUMNS, toAuditRow } from './auditRows.js';
import { chainRecords, subjectRows } from './chainRecords.js';

// The SQLite audit writer's thread (started by sqliteChainWriter.ts): better-sqlite3 is
// synchronous, so hashing, inserting and committing a batch here keeps all of it off the
// gateway's event loop. One connection of its own; batches arrive one at a time.

/** A batch to commit, numbered so its answer finds its promise. */
export interface ThreadRequest {
  id: number;
  entries: AuditEntry[];
}

/** Committed (`ok`), or the driver's code and message. */
export type ThreadReply =
  | { id: number; ok: true }
  | { id: number; ok: false; failure: AuditWriteFailure };

const { file } = workerData as { file: string };
const port = parentPort;
if (!port) throw new Error('sqliteAuditThread runs as a worker thread');

const db = new Database(file);
// A taken write lock fails at once (SQLITE_BUSY): the log retries on a timer, taking the
// entries queued meanwhile, and fails closed after its lockWaitMs. The same durability as the
// store's own connection (WAL is a property of the file, set when the store opened it).
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');

// Prepared on first use, inside a write, so a store that cannot take them fails that write
// (closed) instead of the thread.
let statements: ReturnType<typeof prepare> | undefined;
function prepare() {
  return {
    head: db.prepare<[], { seq: number; hash: string }>(
      'select seq, hash from audit_head where id = 1',
    ),
    record: db.prepare(
      `insert into audit_records (${AUDIT_ROW_COLUMNS.join(', ')}) values (${AUDIT_ROW_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    // Every subject row of the batch in one statement, whatever their number.
    subjects: db.prepare<[string]>(
      'insert into audit_subjects (subject, seq) select value ->> 0, value ->> 1 from json_each(?)',
    ),
    moveHead: db.prepare<[number, string]>('update audit_head set seq = ?, hash = ? where id = 1'),
  };
}

// BEGIN IMMEDIATE: the write lock up front, so a read lock never has to be upgraded (which
// fails, not waits, under WAL), and another process's appends take turns with this one.
const commit = db.transaction((entries: readonly AuditEntry[]) => {
  statements ??= prepare();
  const head = statements.head.get();
  if (!head) throw new Error('the audit chain head row is missing (audit_head id 1)');
  const records = chainRecords({ seq: Number(head.seq), hash: head.hash }, entries);
  for (const record of records) statements.record.run(toAuditRow(record));
  const subjects = subjectRows(records).map((r) => [r.subject, r.seq]);
  if (subjects.length > 0) statements.subjects.run(JSON.stringify(subjects));
  const last = records.at(-1);
  if (last) statements.moveHead.run(last.seq, last.hash);
}).immediate;

port.on('message', (request: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    commit(request.entries);
    reply = { id: request.id, ok: true };
  } catch (error) {
    // A statement prepared against a table that was then changed must be prepared again.
    statements = undefined;
    const code = (error as { code?: unknown }).code;
    reply = {
      id: request.id,
      ok: false,
      failure: {
        message: error instanceof Error ? error.message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      },
    };
  }
  port.postMessage(reply);
});
