import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import type { ReadPipeline } from './readPipeline.js';

/**
 * Distinct SELECT texts given a name; past this, new texts run unnamed, as before. PostgreSQL
 * keeps every statement a connection prepared until the connection closes, so names are few
 * and their statements small: a department's loaders have a shape per list length up to 100.
 */
const NAMED_KEPT = 500;
/** Parameters a named statement may have; a longer IN list (an audit verify page) runs unnamed. */
export const NAMED_MAX_PARAMETERS = 128;
const names = new Map<string, string>();

/**
 * The name a SELECT with parameters is prepared under, the same on every connection and
 * database of this process (a name always stands for one text); none for anything else.
 */
export function statementName(text: string, parameters: number): string | undefined {
  let name = names.get(text);
  if (
    name === undefined &&
    parameters > 0 &&
    parameters <= NAMED_MAX_PARAMETERS &&
    names.size < NAMED_KEPT &&
    SELECT.test(text)
  ) {
    name = `govgraph_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}
const SELECT = /^\s*(?:select|with)\b/i;

/** Texts of the loaders' reads (shapedQuery.ts), bounded like the names. */
const loaderReads = new Set<string>();

/** Marks `text` as a loader's read: a plain SELECT with no effect on the session. */
export function markLoaderRead(text: string): void {
  if (loaderReads.size < NAMED_KEPT) loaderReads.add(text);
}

/**
 * The pool as Kysely sees it, sending each SELECT with parameters as a named (prepared)
 * statement. Kysely's driver sends every query unnamed, so PostgreSQL parsed and planned each
 * one again on every run: on the benchmark's citizen record the server spent more CPU per
 * request than the gateway. node-postgres prepares a named statement once per connection
 * and then sends only its values. The loaders' texts are few and fixed (shapedQuery.ts),
 * so the names stay few.
 *
 * Only SELECTs are named: a write or a schema change runs unnamed, as before. A schema change
 * made while a department serves (another release migrating the database during a rolling
 * deploy) can alter what a prepared SELECT returns (a column added to `select *`); PostgreSQL
 * then refuses every run of it on that connection ("cached plan must not change result
 * type"). Such a SELECT is sent again unnamed, which plans it afresh, and the connection is
 * dropped when it goes back to the pool, so the next one prepares its statements anew
 * (`mustPrepareAgain`, which also covers a statement node-postgres closed itself). Inside a
 * transaction the refusal has already aborted it: the transaction fails (and rolls back), and
 * the one after it runs on a fresh connection. A pooler between the department and
 * PostgreSQL must keep prepared statements per client (PgBouncer in session mode, or 1.21+
 * with `max_prepared_statements`).
 */
export function preparingStatements(pool: pg.Pool, pipeline?: ReadPipeline): PostgresPool {
  return {
    async connect() {
      // Taken from the pool at the first statement that needs it: a checkout that is one
      // loader's read never does (it goes on the read pipeline), so those hold no pooled
      // connection while they wait for their answer.
      let client: pg.PoolClient | undefined;
      let taking: Promise<pg.PoolClient> | undefined;
      const pooled = () => {
        taking ??= pool.connect().then((taken) => {
          client = taken;
          return taken;
        });
        return taking;
      };
      /** A statement prepared on this connection no longer fits the schema: drop it on release. */
      let stale = false;
      /** Statements this checkout ran: a loader's read that comes first is no transaction's. */
      let statements = 0;
      const onPool = async (text: string, values: unknown[], name: string | undefined) => {
        const on = await pooled();
        if (!name) return on.query(text, values);
        return on.query({ name, text, values }).catch((error: unknown) => {
          if (!mustPrepareAgain(error)) throw error;
          stale = true;
          // Refused before it ran, so running it again reads nothing twice. In an aborted
          // transaction this fails too, and the caller gets the refusal itself.
          return on.query(text, values).catch(() => {
            throw error;
          });
        });
      };
      function query<R>(
        sql: string,
        parameters: ReadonlyArray<unknown>,
      ): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        input: string | PostgresCursor<R>,
        parameters: ReadonlyArray<unknown> = [],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        const first = statements++ === 0;
        if (typeof input !== 'string') {
          // Kysely streams through a cursor only when its dialect is given one (openDatabase
          // gives none); this keeps the contract all the same.
          const opened = pooled().then(
            (on) => (on as unknown as PostgresPoolClient).query(input) as PostgresCursor<R>,
          );
          return {
            read: (rows) => opened.then((cursor) => cursor.read(rows)),
            close: () => opened.then((cursor) => cursor.close()),
          };
        }
        const values = [...parameters];
        const name = statementName(input, values.length);
        let sent: Promise<pg.QueryResult>;
        if (pipeline && first && loaderReads.has(input)) {
          // A checkout whose first statement is a loader's read is that read alone (Kysely
          // opens a transaction with BEGIN): it joins the tick's pipelined reads (readPipeline.ts).
          const read = pipeline.send(
            name ? { name, text: input, values } : { text: input, values },
          );
          sent = read.result.catch((error: unknown) => {
            if (!mustPrepareAgain(error)) throw error;
            pipeline.retire(read);
            return onPool(input, values, name);
          });
        } else {
          sent = onPool(input, values, name);
        }
        return sent as unknown as Promise<PostgresQueryResult<R>>;
      }
      return {
        query,
        release: (destroy?: boolean) => {
          // Kysely releases after its statements settle, and each waits for the pooled
          // connection first; should one come after the release all the same, it goes back.
          if (client) client.release(destroy === true || stale);
          else
            void taking?.then(
              (taken) => taken.release(destroy === true || stale),
              () => {},
            );
        },
      };
    },
    end: async () => {
      await Promise.all([pool.end(), pipeline?.end()]);
    },
  };
}

/**
 * PostgreSQL refusing to run a prepared statement whose result columns changed since it was
 * prepared. Told apart by the server routine that refuses it (`RevalidateCachedQuery`), since
 * its SQLSTATE (0A000, feature not supported) covers other refusals and its message is
 * translated with the server's `lc_messages`.
 */
export function isStalePlan(error: unknown): boolean {
  const { code, routine } = errorFields(error);
  return code === '0A000' && routine === 'RevalidateCachedQuery';
}

/**
 * A named statement this connection can no longer run: gone stale (`isStalePlan`), or gone
 * (26000). node-postgres closes a named statement on the server when a run's values cannot be
 * encoded (a value `JSON.stringify` refuses), yet keeps it as prepared, so every later run of
 * that text on the connection was refused. Either way the statement never ran, so it is sent
 * again unnamed and the connection is replaced.
 */
export function mustPrepareAgain(error: unknown): boolean {
  return isStalePlan(error) || errorFields(error).code === '26000';
}

function errorFields(error: unknown): { code?: unknown; routine?: unknown } {
  return typeof error === 'object' && error !== null ? error : {};
}
