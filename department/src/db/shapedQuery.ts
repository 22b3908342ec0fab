import { CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import { markLoaderRead } from './namedStatements.js';

/**
 * SQL texts by database and shape. A loader's statement differs from one batch to the next only
 * in its values (the keys, a window), and its text only in how many there are: Kysely builds
 * and compiles the same operation tree again for every batch (3-5% of a department's CPU on
 * the citizen record). So each shape is compiled once per database, and later batches send
 * the kept text with their own values. Bounded like the statement cache (statementCache.ts):
 * shapes are a department's loaders times the list lengths they see.
 */
const texts = new WeakMap<object, Map<string, string>>();
const SHAPES_KEPT = 500;

/**
 * Runs `build()`'s statement with `parameters`, compiling it only the first time this database
 * sees `shape`. `shape` must name everything that changes the text (table, columns, how many
 * values), and `parameters` must be exactly the values `build()` binds, in its order: the first
 * compile checks that, and refuses a shape whose values do not line up.
 */
export async function runShaped<DB, Row>(
  db: Kysely<DB>,
  shape: string,
  build: () => RawBuilder<Row>,
  parameters: readonly unknown[],
): Promise<Row[]> {
  let shapes = texts.get(db);
  if (!shapes) {
    shapes = new Map();
    texts.set(db, shapes);
  }
  let text = shapes.get(shape);
  if (text === undefined) {
    const compiled = build().compile(db);
    if (
      compiled.parameters.length !== parameters.length ||
      compiled.parameters.some((value, i) => value !== parameters[i])
    ) {
      throw new Error(`shaped query ${shape}: its parameters do not match its statement's`);
    }
    text = compiled.sql;
    // Loaders read and nothing else: on PostgreSQL their reads may share a pipelined connection.
    markLoaderRead(text);
    if (shapes.size >= SHAPES_KEPT) shapes.clear();
    shapes.set(shape, text);
  }
  const { rows } = await db.executeQuery(
    CompiledQuery.raw(text, [...parameters]) as CompiledQuery<Row>,
  );
  return rows;
}
