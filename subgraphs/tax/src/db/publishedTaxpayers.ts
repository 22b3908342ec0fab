import { type Page, type PageWindow, toPage } from '@govgraph/department/db';
import { TAX_RATINGS_NOT_PUBLISHED } from '@govgraph/schema';
import type { Kysely } from 'kysely';
import type { LegalEntityRef, TaxDB } from './schema.js';

/**
 * One page of the A list of an evaluation year, by credit code. A year with no evaluation on
 * record is refused rather than answered with an empty list, which would read as "nobody
 * earned an A".
 */
export async function publishedTaxpayers(
  db: Kysely<TaxDB>,
  year: number,
  window: PageWindow,
): Promise<Page<LegalEntityRef>> {
  const aRated = db
    .selectFrom('enterprise_rating')
    .where('year', '=', year)
    .where('rating', '=', 'A');
  const rows = await aRated
    .select('credit_code')
    .orderBy('credit_code')
    .limit(window.limit + 1)
    .offset(window.offset)
    .execute();
  const { total } = await aRated
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  if (Number(total) === 0) await assertEvaluated(db, year);
  return toPage(
    rows.map((r) => ({ creditCode: r.credit_code })),
    window,
    Number(total),
  );
}

// Only asked when a year has no A at all, so the usual request costs two statements.
async function assertEvaluated(db: Kysely<TaxDB>, year: number): Promise<void> {
  const evaluated = await db
    .selectFrom('enterprise_rating')
    .select('year')
    .where('year', '=', year)
    .limit(1)
    .executeTakeFirst();
  if (evaluated) return;
  const years = await db
    .selectFrom('enterprise_rating')
    .select('year')
    .distinct()
    .orderBy('year')
    .execute();
  const onRecord = years.map((y) => y.year).join(', ') || 'none yet';
  throw TAX_RATINGS_NOT_PUBLISHED.err(
    `taxCreditRatingsPublished(year: ${year}): no tax credit ratings are published for ${year}. Years on record: ${onRecord}.`,
    { extensions: { argument: 'year' } },
  );
}
