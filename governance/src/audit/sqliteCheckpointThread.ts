import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

// The SQLite audit writer's checkpointer (started by sqliteChainWriter.ts beside the writer's
// thread). Under WAL a commit appends pages to the -wal file, and a checkpoint copies them back
// into the database file, syncing both. SQLite runs one automatically inside the commit that
// takes the WAL past 1,000 pages: on the writer's thread, where its copying and syncing (up to
// ~20 ms measured) held up every audited request waiting for the next batch to commit. The
// writer's thread now leaves that to this one: a PASSIVE checkpoint takes no write lock, so
// batches keep committing while it copies what they appended before.

/** What the writer's thread passes: the store file and how often to checkpoint. */
export interface CheckpointThreadData {
  file: string;
  everyMs: number;
}

/** Sent after a checkpoint that found the WAL changed: how many pages it holds, and how many are in. */
export interface CheckpointReport {
  walPages: number;
  checkpointedPages: number;
}

/** What the writer sends to stop the thread: it closes its connection and ends by itself. */
export interface CheckpointStop {
  stop: true;
}

const { file, everyMs } = workerData as CheckpointThreadData;
const db = new Database(file);
// Another checkpointer (a second gateway process on the file) running: this one skips a turn.
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');

// Stopped by a message, not terminated: a thread terminated while it was still loading
// better-sqlite3's native module aborts the whole process. A message waits until it has.
parentPort?.on('message', (message: Partial<CheckpointStop>) => {
  if (message.stop !== true) return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});

// The last checkpoint reported: an idle WAL keeps its frames (all copied) until the next write
// starts it over, and is not reported again on every turn.
let reported = '';

const timer = setInterval(() => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    const now = row ? `${row.log}/${row.checkpointed}` : '';
    if (row && row.log > 0 && now !== reported) {
      reported = now;
      parentPort?.postMessage({
        walPages: row.log,
        checkpointedPages: row.checkpointed,
      } satisfies CheckpointReport);
    }
  } catch {
    // The file locked by another checkpoint, or gone (a store being removed): the next turn
    // tries again, and the writer's own automatic checkpoint is the backstop meanwhile.
  }
}, everyMs);
