import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditEntry } from '../types.js';
import type { AuditWriteFailure } from './auditChainWriter.js';
import { AUDIT_ROW_COLUMNS, subjectsOf, toAuditRow } from './auditRows.js';
import { chainRecords } from './chainRecords.js';

// The SQLite audit writer's thread (started by sqliteChainWriter.ts): better-sqlite3 is
// synchronous, so hashing, inserting and committing a batch here keeps all of it off the
// gateway's event loop. One connection of its own; batches arrive one at a time.
//
// The subject index trails the chain here (docs/architecture.md#the-subject-index). A batch's
// transaction writes its records and moves the head; their subject rows are written later. Each
// subject row lands on its own page of the (subject, seq) key, and SQLite's WAL writes every page
// a commit touched, so a 100-person list read indexed at its own commit cost ~100 page writes
// (2-3 ms of CPU, mostly in the kernel). Instead, a sweep reads the records since the mark
// (`audit_head.indexed_seq`), gathers each subject's seqs in memory, and writes them subject by
// subject in key order, a slice of subjects per short transaction: a subject's rows share pages
// and go in with one statement, and batches commit between slices. Nothing is lost meanwhile:
// the records hold their subjects (their hash covers them), and the tracker reads the records
// past the mark from the chain.

/** A batch to commit, or (`index`) a request to bring the subject index up to the head. */
export type ThreadTask = { entries: AuditEntry[] } | { index: true };

/** A task numbered, so its answer finds its promise. */
export type ThreadRequest = ThreadTask & { id: number };

/** Done (`ok`, with the records the index trails by), or the driver's code and message. */
export type ThreadReply =
  | { id: number; ok: true; indexTrailing: number }
  | { id: number; ok: false; failure: AuditWriteFailure };

/** Sent unasked after each sweep: how far the index trails now. */
export interface ThreadProgress {
  indexTrailing: number;
}

/**
 * Records past the mark before a sweep starts under load, without waiting for quiet. A sweep's
 * cost is mostly the index pages it rewrites, one per subject it names however many of that
 * subject's accesses it writes, so a longer sweep costs less per record wherever people are
 * read again, while the tracker reads what trails from the chain (~6 µs a record).
 */
const SWEEP_AFTER_RECORDS = 2048;
/** How long the chain must be quiet (no batch committed) before a sweep takes what trails. */
const SWEEP_WHEN_QUIET_MS = 250;
/**
 * Most records one sweep takes (~400,000 subject rows for 100-person lists, a few MB of seqs in
 * memory); a longer backlog (a hub restarted after the index fell behind) takes several.
 */
const SWEEP_MAX_RECORDS = 4096;
/**
 * Most distinct subjects one sweep gathers: they are sorted in one step (~7 ms for 16,384 IDs),
 * so a hub whose records name mostly new people sweeps fewer records at a time instead of
 * stalling its batches behind a sort of hundreds of thousands.
 */
const SWEEP_MAX_SUBJECTS = 16_384;
/** Records read per step (a read: no write lock; ~10 µs each for a 100-person list). */
const LOAD_RECORDS = 128;
/** Subject rows written per transaction, whole subjects at a time: a few ms of the write lock. */
const SLICE_ROWS = 2000;
/** How long after a failed step (the lock taken, the store gone) the sweep is tried again. */
const RETRY_MS = 1000;

const { file } = workerData as { file: string };
const port = parentPort;
if (!port) throw new Error('sqliteAuditThread runs as a worker thread');

const db = new Database(file);
// A taken write lock fails at once (SQLITE_BUSY): the log retries on a timer, taking the
// entries queued meanwhile, and fails closed after its lockWaitMs. The same durability as the
// store's own connection (WAL is a property of the file, set when the store opened it).
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
// The WAL is copied into the file by the checkpointer's thread (sqliteCheckpointThread.ts), not
// inside this thread's commits; 10,000 pages (~40 MiB) is the backstop should it fall behind.
db.pragma('wal_autocheckpoint = 10000');

// Prepared on first use, inside a write, so a store that cannot take them fails that write
// (closed) instead of the thread.
let statements: ReturnType<typeof prepare> | undefined;
function prepare() {
  return {
    head: db.prepare<[], { seq: number; hash: string; indexed_seq: number }>(
      'select seq, hash, indexed_seq from audit_head where id = 1',
    ),
    record: db.prepare(
      `insert into audit_records (${AUDIT_ROW_COLUMNS.join(', ')}) values (${AUDIT_ROW_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    moveHead: db.prepare<[number, string]>('update audit_head set seq = ?, hash = ? where id = 1'),
    // The subjects of records (from, to], read from the records themselves.
    load: db.prepare<[number, number], { seq: number; subjects: string }>(
      'select seq, subjects from audit_records where seq > ? and seq <= ? order by seq',
    ),
    // One subject's rows: its seqs as a JSON array. A row already there (written by a writer
    // that indexes at once, or a sweep that died before moving the mark) is kept.
    writeSubject: db.prepare<[string, string]>(
      `insert or ignore into audit_subjects (subject, seq)
       select ?, value from json_each(?)`,
    ),
    moveMark: db.prepare<[number]>(
      'update audit_head set indexed_seq = max(indexed_seq, ?) where id = 1',
    ),
  };
}

/** The prepared statements (prepared again after a failure). */
function prepared() {
  statements ??= prepare();
  return statements;
}

/** The statements, and the chain head as it is now. */
function readHead() {
  const sql = prepared();
  const row = sql.head.get();
  if (!row) throw new Error('the audit chain head row is missing (audit_head id 1)');
  const head = { seq: Number(row.seq), hash: row.hash, indexed: Number(row.indexed_seq) };
  return { sql, head };
}

// BEGIN IMMEDIATE: the write lock up front, so a read lock never has to be upgraded (which
// fails, not waits, under WAL), and another process's appends take turns with this one.
// Returns how many records the index now trails the head by.
const commit = db.transaction((entries: readonly AuditEntry[]): number => {
  const { sql, head } = readHead();
  const records = chainRecords({ seq: head.seq, hash: head.hash }, entries);
  for (const record of records) sql.record.run(toAuditRow(record));
  const last = records.at(-1);
  if (last) sql.moveHead.run(last.seq, last.hash);
  return (last?.seq ?? head.seq) - head.indexed;
}).immediate;

/**
 * A sweep: records up to `to` to index (brought in once it holds SWEEP_MAX_SUBJECTS), read up
 * to `loaded`, each subject's seqs gathered in `seqs` (ascending). Once all are read, the
 * subjects go to the index in key order, a slice at a time, from `next` in `order`.
 */
interface Sweep {
  to: number;
  loaded: number;
  seqs: Map<string, number[]>;
  order?: string[];
  next: number;
}

let sweep: Sweep | undefined;

/** Records the index trails the head by now. */
function trailing(): number {
  const { head } = readHead();
  return head.seq - head.indexed;
}

/** Starts a sweep of what trails the head now (at most SWEEP_MAX_RECORDS); false if none does. */
function startSweep(): boolean {
  const { head } = readHead();
  if (head.indexed >= head.seq) return false;
  const to = Math.min(head.seq, head.indexed + SWEEP_MAX_RECORDS);
  sweep = { to, loaded: head.indexed, seqs: new Map(), next: 0 };
  return true;
}

/**
 * Adds the subjects of records (from, to] to the sweep, whole records at a time, and returns
 * the last record added: `to`, or an earlier one once the sweep holds SWEEP_MAX_SUBJECTS. A
 * record whose subjects are not a JSON array adds none.
 */
function loadRecords(current: Sweep, from: number, to: number): number {
  for (const row of prepared().load.iterate(from, to)) {
    const seq = Number(row.seq);
    for (const subject of subjectsOf(row.subjects)) {
      const seqs = current.seqs.get(subject);
      if (!seqs) current.seqs.set(subject, [seq]);
      // Read in seq order: a subject named twice by one record is its last entry.
      else if (seqs.at(-1) !== seq) seqs.push(seq);
    }
    if (current.seqs.size >= SWEEP_MAX_SUBJECTS) return seq;
  }
  return to;
}

// One slice of subjects in one transaction; the last one moves the mark. Returns where the next
// slice starts in `order`, or undefined when the sweep is done.
const writeSlice = db.transaction((current: Sweep, order: readonly string[]) => {
  const sql = prepared();
  let rows = 0;
  let next = current.next;
  while (next < order.length && rows < SLICE_ROWS) {
    const subject = order[next++] as string;
    const seqs = current.seqs.get(subject) ?? [];
    sql.writeSubject.run(subject, JSON.stringify(seqs));
    rows += seqs.length;
  }
  if (next < order.length) return next;
  sql.moveMark.run(current.to);
  return undefined;
}).immediate;

/** One step of the sweep: reads a few records, or writes one slice. Returns true when done. */
function sweepStep(): boolean {
  if (!sweep && !startSweep()) return true;
  const current = sweep as Sweep;
  if (current.loaded < current.to) {
    const upTo = Math.min(current.to, current.loaded + LOAD_RECORDS);
    current.loaded = loadRecords(current, current.loaded, upTo);
    // Enough subjects: this sweep ends at the last record read, and the next one goes on.
    if (current.loaded < upTo) current.to = current.loaded;
    return false;
  }
  // The index's key order, so neighbouring subjects share pages. JavaScript orders by UTF-16
  // units, SQLite by UTF-8 bytes: the same for every subject the hub writes (ASCII IDs), and
  // only a matter of locality otherwise.
  current.order ??= [...current.seqs.keys()].sort();
  // Moved only once the slice committed: a failed one is written again.
  const next = writeSlice(current, current.order);
  if (next !== undefined) {
    current.next = next;
    return false;
  }
  sweep = undefined;
  return true;
}

/** Sweeps up to the head now (a request, or a stopping gateway). Throws what SQLite threw. */
function sweepAll(): void {
  const { head } = readHead();
  // Up to the head as it was when asked: another process's appends do not keep it going.
  for (;;) {
    while (!sweepStep());
    if (readHead().head.indexed >= head.seq) return;
  }
}

// From the thread's start, so the first sweep (of what a dead thread left) waits a quiet period
// like any other: however long the thread took to boot, a batch already posted commits first.
let lastCommit = performance.now();
let quietTimer: NodeJS.Timeout | undefined;
let stepping = false;

/**
 * Sweeps a step per turn of the event loop, so the batches that arrived meanwhile commit
 * between steps (their messages are taken before the next immediate runs).
 */
function sweepInSteps(): void {
  if (stepping) return;
  stepping = true;
  const step = () => {
    try {
      // A sweep's steps, then the next sweep while a full one's worth still trails; what is
      // left waits for quiet.
      if (!sweepStep()) return void setImmediate(step);
      const left = trailing();
      if (left >= SWEEP_AFTER_RECORDS) return void setImmediate(step);
      stepping = false;
      tellProgress(left);
      if (left > 0) sweepWhenQuiet();
    } catch {
      stepping = false;
      retryLater();
    }
  };
  setImmediate(step);
}

function tellProgress(indexTrailing: number): void {
  port?.postMessage({ indexTrailing } satisfies ThreadProgress);
}

/** After a failed step: another process holds the write lock, or the store is gone. */
function retryLater(): void {
  statements = undefined;
  // The sweep restarts from the mark; the rows it wrote are kept (insert or ignore).
  sweep = undefined;
  lastCommit = performance.now() + RETRY_MS;
  sweepWhenQuiet();
}

/** Sweeps once the chain has been quiet for SWEEP_WHEN_QUIET_MS. */
function sweepWhenQuiet(): void {
  if (quietTimer) return;
  const wait = Math.max(1, lastCommit + SWEEP_WHEN_QUIET_MS - performance.now());
  quietTimer = setTimeout(() => {
    quietTimer = undefined;
    if (performance.now() - lastCommit < SWEEP_WHEN_QUIET_MS) return sweepWhenQuiet();
    sweepInSteps();
  }, wait);
  // A pending sweep never keeps the thread (or the process) alive.
  quietTimer.unref();
}

function failureOf(error: unknown): AuditWriteFailure {
  const code = (error as { code?: unknown }).code;
  return {
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

port.on('message', (request: ThreadRequest) => {
  let reply: ThreadReply;
  let behind = 0;
  try {
    if ('index' in request) {
      sweepAll();
      behind = trailing();
      tellProgress(behind);
    } else behind = commit(request.entries);
    reply = { id: request.id, ok: true, indexTrailing: behind };
  } catch (error) {
    // A statement prepared against a table that was then changed must be prepared again.
    statements = undefined;
    if ('index' in request) sweep = undefined;
    reply = { id: request.id, ok: false, failure: failureOf(error) };
  }
  port.postMessage(reply);
  if ('index' in request || !reply.ok) return;
  lastCommit = performance.now();
  if (behind >= SWEEP_AFTER_RECORDS) sweepInSteps();
  else if (behind > 0) sweepWhenQuiet();
});

// What a thread that died, or a process that stopped, left unindexed.
sweepWhenQuiet();
