import type { Writable } from 'node:stream';
import pg from 'pg';

/**
 * Loader reads over pipelined PostgreSQL connections, two per database. node-postgres sends each
 * query on a pooled connection of its own and waits for its answer; every statement cost a
 * socket write and woke a server process, and on the benchmark's citizen record those writes were
 * a quarter of the departments' CPU (docs/architecture.md#the-data-layer). Here the reads a tick
 * issues (the loaders of every request then in flight) go out together in one write, on one
 * connection in pipeline mode: the server answers them in order, each with its own Sync, so one
 * failing read fails alone. Ticks take the connections in turn, so a slow read holds up only
 * half of what follows, and two server processes share the work. Only loader reads come here
 * (`markLoaderRead`): plain SELECTs with no session effect, outside any transaction
 * (`preparingStatements` decides). They also read under no session state of the checkout's:
 * should a department ever scope its reads by session settings (row-level security through
 * `set_config`), its loader reads must stop coming here.
 *
 * A connection that fails or ends is dropped and the next read opens another; the reads it
 * carried fail, as they would have on a pooled connection. A connection that holds a statement
 * it can no longer run (gone stale in a schema change while serving, or closed by
 * node-postgres: `mustPrepareAgain`) is retired: it takes no new reads and closes once its reads
 * are answered. An idle connection keeps no process alive, and closes after
 * `IDLE_MS` without reads, as the pool's idle connections do. It is named `APPLICATION_NAME`
 * in `pg_stat_activity`.
 */
export interface ReadPipeline {
  send(query: pg.QueryConfig): PipelinedRead;
  /** Retires the connection that carried `read`: it holds a statement it can no longer run. */
  retire(read: PipelinedRead): void;
  end(): Promise<void>;
}

/** A read sent on the pipeline, and which connection carried it. */
export interface PipelinedRead {
  result: Promise<pg.QueryResult>;
  connection: object;
}

/** The pipelined connections' `application_name`, as PostgreSQL's views show it. */
export const APPLICATION_NAME = 'govgraph-read-pipeline';
/** An idle pipelined connection closes after this long (node-postgres' pool: 10 s too). */
const IDLE_MS = 10_000;

export interface ReadPipelineOptions {
  /** Told of a connection that failed (its reads fail too); a new one is opened when needed. */
  onError?: (error: Error) => void;
  /** Connections the ticks take in turn (default 2). */
  connections?: number;
}

interface Shared {
  client: pg.Client;
  /** Reads sent and not answered yet. */
  inFlight: number;
  retired: boolean;
  ready: boolean;
  /** Its socket holds this tick's reads until the tick ends. */
  corked: boolean;
  idle?: NodeJS.Timeout;
}

export function createReadPipeline(
  config: pg.ClientConfig,
  { onError = () => {}, connections = 2 }: ReadPipelineOptions = {},
): ReadPipeline {
  /** The connections in turn; a retired one's place is taken by a new one at its turn. */
  const slots: (Shared | undefined)[] = new Array(connections).fill(undefined);
  let turn = 0;
  /** The connection this tick's reads go on. */
  let tick: Shared | undefined;
  /** Every connection still open, retired ones included. */
  const all = new Set<Shared>();

  const close = (shared: Shared): Promise<void> => {
    clearTimeout(shared.idle);
    all.delete(shared);
    // Held while it ends: a caller awaiting `end()` must not see the process exit first.
    socketOf(shared.client)?.ref();
    return shared.client.end().catch(() => {});
  };
  const retire = (shared: Shared) => {
    shared.retired = true;
    const slot = slots.indexOf(shared);
    if (slot >= 0) slots[slot] = undefined;
    if (tick === shared) tick = undefined;
    if (shared.inFlight === 0) void close(shared);
  };

  const open = (): Shared => {
    const client = new pg.Client({
      application_name: APPLICATION_NAME,
      ...config,
      pipeline: true,
    });
    const shared: Shared = { client, inFlight: 0, retired: false, ready: false, corked: false };
    all.add(shared);
    client.on('error', (error) => {
      onError(error);
      retire(shared);
    });
    client.on('end', () => {
      all.delete(shared);
      retire(shared);
    });
    client.connect().then(
      () => {
        shared.ready = true;
      },
      // The reads queued on it fail with the connection's error (node-postgres rejects them).
      () => retire(shared),
    );
    return shared;
  };

  /** Holds the socket's writes until the end of this tick, so this tick's reads leave as one. */
  const cork = (shared: Shared) => {
    if (shared.corked || !shared.ready) return;
    const stream = socketOf(shared.client);
    if (typeof stream?.cork !== 'function') return;
    stream.cork();
    shared.corked = true;
    process.nextTick(() => {
      shared.corked = false;
      stream.uncork();
    });
  };

  /** The next connection in turn, opened if its place is empty. */
  const next = (): Shared => {
    turn = (turn + 1) % slots.length;
    let shared = slots[turn];
    if (!shared || shared.retired) {
      shared = open();
      slots[turn] = shared;
    }
    return shared;
  };

  const send = (query: pg.QueryConfig): PipelinedRead => {
    if (!tick || tick.retired) {
      tick = next();
      process.nextTick(() => {
        tick = undefined;
      });
    }
    const shared = tick;
    cork(shared);
    if (shared.inFlight++ === 0) {
      clearTimeout(shared.idle);
      socketOf(shared.client)?.ref();
    }
    const result = shared.client.query(query).finally(() => {
      if (--shared.inFlight > 0) return;
      if (shared.retired) return void close(shared);
      socketOf(shared.client)?.unref();
      shared.idle = setTimeout(() => retire(shared), IDLE_MS);
      shared.idle.unref();
    });
    return { result, connection: shared };
  };

  return {
    send,
    retire(read) {
      retire(read.connection as Shared);
    },
    async end() {
      tick = undefined;
      slots.fill(undefined);
      await Promise.all([...all].map(close));
    },
  };
}

/** node-postgres' socket of `client`, which its types leave out. */
function socketOf(client: pg.Client): (Writable & { ref(): void; unref(): void }) | undefined {
  return (
    client as unknown as { connection?: { stream?: Writable & { ref(): void; unref(): void } } }
  ).connection?.stream;
}
