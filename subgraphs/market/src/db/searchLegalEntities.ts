import { type Page, type PageWindow, toPage } from '@govgraph/schema/db';
import { type Kysely, sql } from 'kysely';
import { foldName } from './foldName.js';
import type { LegalEntityRow, MarketDB } from './schema.js';

// LIKE wildcards in the search text are matched literally.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the entities whose name contains `text` in any letter case, by name then credit
 * code. The page and the total come from one statement; only a window past the last match
 * needs a second one to count.
 */
export async function searchLegalEntities(
  db: Kysely<MarketDB>,
  text: string,
  window: PageWindow,
): Promise<Page<LegalEntityRow>> {
  const pattern = `%${escapeLike(foldName(text))}%`;
  const matches = sql<boolean>`${sql.ref('name_folded')} like ${pattern} escape '\\'`;
  const rows = await db
    .selectFrom('legal_entity')
    .selectAll()
    .select(sql<number>`count(*) over ()`.as('__total'))
    .where(matches)
    .orderBy('name')
    .orderBy('credit_code')
    .limit(window.limit + 1)
    .offset(window.offset)
    .execute();
  let total = Number(rows[0]?.__total ?? 0);
  if (rows.length === 0 && window.offset > 0) {
    const counted = await db
      .selectFrom('legal_entity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(matches)
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  return toPage(
    rows.map(({ __total: _total, ...row }) => row),
    window,
    total,
  );
}
