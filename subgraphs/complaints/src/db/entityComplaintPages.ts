import { type PageWindow, toPage } from '@govgraph/schema/db';
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { ComplaintPage, ComplaintRow, ComplaintStatus, ComplaintsDB } from './schema.js';

export interface EntityComplaintsKey {
  creditCode: string;
  /** Only complaints in this status; null for all. */
  status: ComplaintStatus | null;
  window: PageWindow;
}

const cacheKey = (k: EntityComplaintsKey) =>
  `${k.creditCode}|${k.status ?? '*'}|${k.window.offset}:${k.window.limit}`;

/**
 * Pages of the complaints against entities, newest first, optionally of one status. Like
 * `createPageLoader` (which takes no filter), one statement serves every entity in the batch
 * that asks for the same status and window: `row_number()` and `count(*)` over a partition
 * by entity give each its slice and its total.
 */
export function createEntityComplaintsLoader(
  db: Kysely<ComplaintsDB>,
): DataLoader<EntityComplaintsKey, ComplaintPage, string> {
  return new DataLoader<EntityComplaintsKey, ComplaintPage, string>(
    async (keys) => {
      const groups = new Map<string, EntityComplaintsKey[]>();
      for (const key of keys) {
        const id = `${key.status ?? '*'}|${key.window.offset}:${key.window.limit}`;
        groups.set(id, [...(groups.get(id) ?? []), key]);
      }
      const pages = new Map<string, ComplaintPage>();
      for (const group of groups.values()) {
        const { status, window } = group[0] as EntityComplaintsKey;
        const codes = [...new Set(group.map((k) => k.creditCode))];
        const rows = await db
          .selectFrom((eb) =>
            eb
              .selectFrom('complaint')
              .selectAll()
              .select((inner) => [
                inner.fn
                  .agg<number>('row_number')
                  .over((ob) =>
                    ob.partitionBy('against_code').orderBy('filed_at', 'desc').orderBy('id'),
                  )
                  .as('rn'),
                inner.fn
                  .countAll<number>()
                  .over((ob) => ob.partitionBy('against_code'))
                  .as('total'),
              ])
              .where('against_code', 'in', codes)
              .$if(status !== null, (qb) => qb.where('status', '=', status as ComplaintStatus))
              .as('windowed'),
          )
          .selectAll()
          .where('rn', '>', window.offset)
          .where('rn', '<=', window.offset + window.limit + 1)
          .orderBy('against_code')
          .orderBy('rn')
          .execute();
        const byCode = new Map<string, { rows: ComplaintRow[]; total: number }>();
        for (const { rn: _rn, total, ...row } of rows) {
          const entry = byCode.get(row.against_code) ?? { rows: [], total: Number(total) };
          entry.rows.push(row);
          byCode.set(row.against_code, entry);
        }
        for (const key of group) {
          const entry = byCode.get(key.creditCode);
          // A window past the end has no rows to carry the total, as with createPageLoader.
          pages.set(
            cacheKey(key),
            toPage(entry?.rows ?? [], window, entry?.total ?? window.offset),
          );
        }
      }
      return keys.map((k) => pages.get(cacheKey(k)) as ComplaintPage);
    },
    { cacheKeyFn: cacheKey },
  );
}
