import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { recordStatementSpan } from '@govgraph/server';
import SQLite from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { preparingStatements } from './namedStatements.js';
import { createReadPipeline } from './readPipeline.js';
import { StatementCounter } from './StatementCounter.js';
import { keepingStatements } from './statementCache.js';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** A `postgres://` URL selects PostgreSQL; otherwise the embedded SQLite file is used. */
  url?: string | undefined;
  /** The embedded database file (one per department), used when no URL is given. */
  sqliteFile: string;
  /** Connections in the PostgreSQL pool. @default 10 */
  poolSize?: number;
  /**
   * Called when a pooled connection fails, idle or checked out (the server restarted, an
   * administrator ended it). The pool drops that connection and opens a new one on demand;
   * without a listener node-postgres would crash the process. @default ignore
   */
  onIdleConnectionError?: (error: Error) => void;
}

export interface Database<DB> {
  db: Kysely<DB>;
  engine: Engine;
  /** The SQLite file (or `:memory:`), so another thread can open the same database; PostgreSQL: none. */
  file?: string;
  /** Counts every SQL statement sent, so tests and benchmarks can prove batching. */
  statements: StatementCounter;
  close(): Promise<void>;
}

// pg returns BIGINT and NUMERIC as strings to avoid precision loss; counts here fit a number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/** Opens a department's own database on the engine its configuration selects. */
export function openDatabase<DB>(options: DatabaseOptions): Database<DB> {
  const statements = new StatementCounter();
  const logAs = (system: 'postgresql' | 'sqlite') => (event: LogEvent) => {
    statements.record(event.query.sql);
    // A span per statement when tracing is on (kind and table only, never the SQL's values).
    recordStatementSpan(
      event.query.sql,
      system,
      event.queryDurationMillis,
      event.level === 'error',
    );
  };
  if (options.url?.startsWith('postgres')) {
    const log = logAs('postgresql');
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // pg-pool listens for errors only while a connection is idle: one the server ends while it is
    // checked out (mid-transaction) would emit an unhandled 'error' and end the process. So each
    // connection gets a listener of its own for its whole life, which reports idle and busy
    // failures alike (once); the failed query rejects anyway and the pool drops it on release.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', options.onIdleConnectionError ?? (() => {})));
    const pipeline = createReadPipeline(
      { connectionString: options.url },
      { onError: options.onIdleConnectionError },
    );
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: preparingStatements(pool, pipeline) }),
      log,
    });
    return { db, engine: 'postgres', statements, close: () => db.destroy() };
  }
  if (options.sqliteFile !== ':memory:')
    mkdirSync(dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SQLite(options.sqliteFile);
  const log = logAs('sqlite');
  // WAL lets readers run beside the seeding writer; NORMAL sync is durable enough under WAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: keepingStatements(sqlite) }),
    log,
  });
  return {
    db,
    engine: 'sqlite',
    file: options.sqliteFile,
    statements,
    close: () => db.destroy(),
  };
}
