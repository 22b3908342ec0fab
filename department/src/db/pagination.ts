import { INVALID_ARGUMENT } from '@govgraph/schema/errors';
import DataLoader from 'dataloader';
import { type Kysely, sql } from 'kysely';
import { runShaped } from './shapedQuery.js';

/** Largest page any list field returns; asking for more is an INVALID_ARGUMENT error. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** Rows `offset + 1 .. offset + limit` of an ordered list. */
export interface PageWindow {
  offset: number;
  limit: number;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

// Cursors are opaque to callers; inside they are positions in a stable order (v1:<position>).
export function encodeCursor(position: number): string {
  return Buffer.from(`v1:${position}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^v1:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** Validates `first`/`after` and turns them into a window; `field` names the list in errors. */
export function pageWindow(args: PageArgs, field: string): PageWindow {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw INVALID_ARGUMENT.err(
      `${field}(first: ${limit}) is out of range: ask for 1 to ${MAX_PAGE_SIZE} items and follow pageInfo.endCursor for more.`,
      { extensions: { argument: 'first' } },
    );
  }
  if (args.after == null) return { offset: 0, limit };
  const offset = decodeCursor(args.after);
  if (offset === null) {
    throw INVALID_ARGUMENT.err(
      `${field}(after: ${JSON.stringify(args.after)}) is not a cursor from this list: pass pageInfo.endCursor of the previous page.`,
      { extensions: { argument: 'after' } },
    );
  }
  return { offset, limit };
}

/** Builds a page from up to `limit + 1` rows fetched at `window.offset` (the extra row tells hasNextPage). */
export function toPage<T>(rows: readonly T[], window: PageWindow, totalCount: number): Page<T> {
  const nodes = rows.slice(0, window.limit);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      endCursor: nodes.length > 0 ? encodeCursor(window.offset + nodes.length) : null,
    },
    totalCount,
  };
}

export interface ChildListSpec {
  /** Table holding the child rows. */
  table: string;
  /** Column that points at the parent (the DataLoader key). */
  parentColumn: string;
  /** Stable, unique ordering, e.g. `['decided_on desc', 'id']`. */
  orderBy: readonly string[];
}

export interface PageKey {
  parent: string;
  window: PageWindow;
  /**
   * Optional equality filters on the child rows, column → value (e.g. `{ status: 'OPEN' }`
   * for a `status:` argument). Column names come from the department's code, never from callers.
   */
  filters?: Readonly<Record<string, string | number>>;
}

const filterId = (filters: PageKey['filters']) =>
  filters
    ? JSON.stringify(Object.entries(filters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : '';
const keyId = (k: PageKey) =>
  `${k.parent}|${k.window.offset}:${k.window.limit}|${filterId(k.filters)}`;

const orderSql = (orderBy: readonly string[]) =>
  sql.join(
    orderBy.map((term) => {
      const [column = '', direction = 'asc'] = term.split(' ');
      return sql`${sql.ref(column)} ${sql.raw(direction === 'desc' ? 'desc' : 'asc')}`;
    }),
  );

/**
 * A per-request DataLoader for a short child list read whole (a title's owners, an
 * application's reviews): every parent of the batch in one statement, each list in `orderBy`.
 */
export function createListLoader<DB, Row>(
  db: Kysely<DB>,
  spec: ChildListSpec,
): DataLoader<string, Row[]> {
  return new DataLoader(async (parents) => {
    const rows = await runShaped(
      db,
      `list|${spec.table}|${spec.parentColumn}|${spec.orderBy.join(',')}|${parents.length}`,
      () => sql<Record<string, unknown>>`
        select * from ${sql.table(spec.table)}
        where ${sql.ref(spec.parentColumn)} in (${sql.join(parents)})
        order by ${orderSql(spec.orderBy)}`,
      parents,
    );
    const byParent = new Map<string, Row[]>(parents.map((parent) => [parent, []]));
    // Keys are strings; an integer parent column comes back as a number on both engines.
    for (const row of rows) byParent.get(String(row[spec.parentColumn]))?.push(row as Row);
    return parents.map((parent) => byParent.get(parent) ?? []);
  });
}

/**
 * A per-request DataLoader for a paginated child list (a company's penalties, a person's
 * companies). One SQL statement serves every parent in the batch that asks for the same
 * window: `row_number()` and `count(*)` over a partition by parent give each parent its slice
 * and its total, on SQLite and PostgreSQL alike.
 */
export function createPageLoader<DB, Row>(
  db: Kysely<DB>,
  spec: ChildListSpec,
): DataLoader<PageKey, Page<Row>, string> {
  return new DataLoader<PageKey, Page<Row>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      // Parents asking for the same window and filters share one statement.
      for (const key of keys) {
        const id = `${key.window.offset}:${key.window.limit}|${filterId(key.filters)}`;
        groups.set(id, [...(groups.get(id) ?? []), key]);
      }
      const pages = new Map<string, Page<Row>>();
      for (const group of groups.values()) {
        const { window, filters = {} } = group[0] as PageKey;
        const filtered = Object.entries(filters);
        const conditions = filtered.map(
          ([column, value]) => sql` and ${sql.ref(column)} = ${value}`,
        );
        const parents = [...new Set(group.map((k) => k.parent))];
        const rows = await runShaped(
          db,
          `page|${spec.table}|${spec.parentColumn}|${spec.orderBy.join(',')}|${filtered.map(([column]) => column).join(',')}|${parents.length}`,
          () => sql<Row & { __parent: string; __rn: number; __total: number }>`
          select * from (
            select t.*, ${sql.ref(spec.parentColumn)} as __parent,
              row_number() over (partition by ${sql.ref(spec.parentColumn)} order by ${orderSql(spec.orderBy)}) as __rn,
              count(*) over (partition by ${sql.ref(spec.parentColumn)}) as __total
            from ${sql.table(spec.table)} t
            where ${sql.ref(spec.parentColumn)} in (${sql.join(parents)})${sql.join(conditions, sql``)}
          ) windowed
          where __rn > ${window.offset} and __rn <= ${window.offset + window.limit + 1}
          order by __parent, __rn`,
          [
            ...parents,
            ...filtered.map(([, value]) => value),
            window.offset,
            window.offset + window.limit + 1,
          ],
        );
        const byParent = new Map<string, { rows: Row[]; total: number }>();
        for (const row of rows) {
          const { __parent, __rn: _rn, __total, ...rest } = row;
          // Keys are strings; an integer parent column comes back as a number on both engines.
          const parent = String(__parent);
          const entry = byParent.get(parent) ?? { rows: [], total: Number(__total) };
          entry.rows.push(rest as Row);
          byParent.set(parent, entry);
        }
        for (const parent of parents) {
          const entry = byParent.get(parent);
          // A window past the end has no rows to carry the total; such pages report 0 rows left.
          pages.set(
            keyId({ parent, window, filters: (group[0] as PageKey).filters }),
            toPage(entry?.rows ?? [], window, entry?.total ?? window.offset),
          );
        }
      }
      return keys.map((k) => pages.get(keyId(k)) as Page<Row>);
    },
    { cacheKeyFn: keyId },
  );
}
