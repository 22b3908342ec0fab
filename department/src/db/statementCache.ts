import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept per database: a department's queries, with room for list sizes. */
const DEFAULT_SIZE = 500;

/**
 * The database as Kysely's SQLite driver sees it, keeping the statements it prepares. The driver
 * prepares every query it runs, and preparing (parsing and planning the SQL) was the largest
 * single cost of a department answering the citizen record (16% of its CPU; a statement is a
 * few tens of microseconds to prepare, a few to run again). Kept by SQL text, least recently
 * used first out; SQLite prepares a kept statement again by itself when the schema changed.
 *
 * Reusing one statement is safe because the driver runs one query at a time on its single
 * connection (a mutex), so a statement is never asked to run while another run of it, or an
 * iteration over it, is still going; better-sqlite3 resets it and clears its bindings after
 * each run, so nothing of one query's values stays with it.
 */
export function keepingStatements(
  sqlite: SQLite.Database,
  size: number = DEFAULT_SIZE,
): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      let statement = kept.get(sql);
      if (statement) {
        // Most recently used last: a Map iterates in insertion order.
        kept.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (kept.size >= size) {
          const oldest = kept.keys().next().value;
          if (oldest !== undefined) kept.delete(oldest);
        }
      }
      kept.set(sql, statement);
      return statement;
    },
    close() {
      kept.clear();
      sqlite.close();
    },
  };
}
