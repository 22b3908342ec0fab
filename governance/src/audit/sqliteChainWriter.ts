import { Worker } from 'node:worker_threads';
import { recordStatementSpan } from '@govgraph/server';
import type { AuditEntry } from '../types.js';
import { type AuditChainWriter, auditWriteError, type WriteReport } from './auditChainWriter.js';
import type {
  ThreadProgress,
  ThreadReply,
  ThreadRequest,
  ThreadTask,
} from './sqliteAuditThread.js';
import type { CheckpointStop, CheckpointThreadData } from './sqliteCheckpointThread.js';

const BOOT = new URL('./auditThreadBoot.mjs', import.meta.url);
const THREAD = new URL('./sqliteAuditThread.ts', import.meta.url).href;
const CHECKPOINTER = new URL('./sqliteCheckpointThread.ts', import.meta.url).href;
/** How often the checkpointer copies what the WAL holds into the file. */
const CHECKPOINT_EVERY_MS = 100;
/** How long a stopping checkpointer may take to end by itself before it is terminated. */
const CHECKPOINTER_STOP_MS = 5000;
// How the append shows in a trace: its kind and table, as every traced statement.
const APPEND = 'insert into audit_records';

/** The SQLite chain writer, with the thread it writes from (its resource use, its id). */
export interface SqliteChainWriter extends AuditChainWriter {
  /** The running thread; undefined until started, and again after it died until the next write. */
  readonly thread: Worker | undefined;
  /** The checkpointer's thread, the same way. */
  readonly checkpointer: Worker | undefined;
}

interface Pending {
  resolve: (report: WriteReport) => void;
  reject: (error: Error) => void;
}

/**
 * Writes the chain to the SQLite file `file` from a worker thread, so the synchronous driver's
 * hashing, inserts and commit never run on the event loop. A write resolves when the thread
 * reports its transaction committed. When the thread dies (an uncaught error, out of memory,
 * terminated), every write it held rejects, so their requests fail closed, and the next write
 * starts a new thread: SQLite rolls back what the dead one had not committed.
 */
export function createSqliteChainWriter(file: string): SqliteChainWriter {
  let thread: Worker | undefined;
  let checkpointer: Worker | undefined;
  let nextId = 0;
  let progress: ((records: number) => void) | undefined;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const start = () => {
    const worker = new Worker(BOOT, { workerData: { file, entry: THREAD } });
    // Idle, the thread does not keep the process alive; a write in flight does (see write).
    worker.unref();
    worker.on('message', (reply: ThreadReply | ThreadProgress) => {
      if (!('id' in reply)) return void progress?.(reply.indexTrailing);
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if (reply.ok) p.resolve({ indexTrailing: reply.indexTrailing });
      else p.reject(auditWriteError(reply.failure));
    });
    worker.on('error', (error) => {
      if (thread === worker) thread = undefined;
      failAll(error);
    });
    worker.on('exit', (code) => {
      if (thread === worker) thread = undefined;
      failAll(new Error(`the audit writer thread stopped (exit code ${code})`));
    });
    thread = worker;
    if (!checkpointer) startCheckpointer();
    return worker;
  };

  // Copies the WAL into the file beside the writer's thread (sqliteCheckpointThread.ts). It
  // holds nothing a write waits for: a checkpointer that dies is started again with the next
  // writer's thread, and the writer's own automatic checkpoint is the backstop meanwhile.
  const startCheckpointer = () => {
    const worker = new Worker(BOOT, {
      workerData: {
        file,
        everyMs: CHECKPOINT_EVERY_MS,
        entry: CHECKPOINTER,
      } satisfies CheckpointThreadData & { entry: string },
    });
    worker.unref();
    const gone = () => {
      if (checkpointer === worker) checkpointer = undefined;
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    checkpointer = worker;
  };
  start();

  /** Sends `task` (numbered here) and resolves with the thread's answer. */
  const ask = (task: ThreadTask) => {
    const worker = thread ?? start();
    const id = nextId++;
    return new Promise<WriteReport>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...task } satisfies ThreadRequest);
    });
  };

  const indexSubjects = async () => {
    await ask({ index: true });
  };

  return {
    get thread() {
      return thread;
    },
    get checkpointer() {
      return checkpointer;
    },
    write(entries: readonly AuditEntry[]) {
      const started = performance.now();
      const written = ask({ entries: [...entries] });
      // What posting costs in a profile is waking the idle thread (a kernel wake-up), not the
      // structured clone: measured in the gateway, a second message to the thread just woken
      // costs ~15 µs, a batch ~26 µs. Fewer messages would help; a cheaper encoding would not.
      // The thread's statements trace nothing themselves; the append is one span, in the trace
      // of the request that wrote it (these callbacks run in the caller's context).
      const span = (failed: boolean) =>
        recordStatementSpan(APPEND, 'sqlite', performance.now() - started, failed);
      return written.then(
        (report) => {
          span(false);
          return report;
        },
        (error: unknown) => {
          span(true);
          throw error;
        },
      );
    },
    indexSubjects,
    onIndexTrailing(listener) {
      progress = listener;
    },
    async close() {
      // A stopping gateway leaves the subject index complete when it can; when it cannot, the
      // next thread to start on this file indexes what trails.
      if (thread) await indexSubjects().catch(() => {});
      const worker = thread;
      const checkpoints = checkpointer;
      thread = undefined;
      checkpointer = undefined;
      // better-sqlite3 closes the writer thread's connection when the thread ends.
      await Promise.all([worker?.terminate(), checkpoints && stopCheckpointer(checkpoints)]);
    },
  };
}

/**
 * Asks the checkpointer to stop and waits for it to end. It is terminated only if it has not
 * ended after CHECKPOINTER_STOP_MS: terminating a thread that is still loading better-sqlite3's
 * native module aborts the process, and a thread just started (a close right after the writer
 * was made) may be doing exactly that.
 */
async function stopCheckpointer(worker: Worker): Promise<void> {
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ stop: true } satisfies CheckpointStop);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), CHECKPOINTER_STOP_MS);
  });
  if ((await Promise.race([ended, late])) === 'late') await worker.terminate();
  clearTimeout(timer);
}
