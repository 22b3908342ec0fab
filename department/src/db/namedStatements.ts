import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

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

/**
 * The pool as Kysely sees it, sending each SELECT with parameters as a named (prepared)
 * statement. Kysely's driver sends every query unnamed, so PostgreSQL parsed and planned each
 * one again on every run: on the benchmark's citizen record the server spent more CPU per
 * request than the gateway. node-postgres prepares a named statement once per connection
 * and then sends only its values. The loaders' texts are few and fixed (shapedQuery.ts),
 * so the names stay few.
 *
 * Only SELECTs are named: a write or a schema change runs unnamed, as before, and migrations
 * run before a department serves. A SELECT prepared before a schema change that alters its
 * result (a column added to `select *`) fails on that connection with "cached plan must not
 * change result type" until the connection is replaced; departments change their schema only
 * at start. A pooler between the department and PostgreSQL must keep prepared statements per
 * client (PgBouncer in session mode, or 1.21+ with `max_prepared_statements`).
 */
export function preparingStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      function query<R>(
        sql: string,
        parameters: ReadonlyArray<unknown>,
      ): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        input: string | PostgresCursor<R>,
        parameters: ReadonlyArray<unknown> = [],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof input !== 'string') {
          return (client as unknown as PostgresPoolClient).query(input);
        }
        const values = [...parameters];
        const name = statementName(input, values.length);
        const sent = name
          ? client.query({ name, text: input, values })
          : client.query(input, values);
        return sent as unknown as Promise<PostgresQueryResult<R>>;
      }
      return { query, release: (destroy?: boolean) => client.release(destroy) };
    },
    end: () => pool.end(),
  };
}
