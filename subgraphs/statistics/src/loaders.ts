import { createPageLoader } from '@govgraph/schema/db';
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { IndicatorRow, ObservationRow, StatisticsDB } from './db/schema.js';

/** Loaders for one request: indicators by code, and every indicator's observation pages in one statement. */
export function createLoaders(db: Kysely<StatisticsDB>) {
  return {
    indicator: new DataLoader<string, IndicatorRow | null>(async (codes) => {
      const rows = await db
        .selectFrom('indicator')
        .selectAll()
        .where('code', 'in', codes)
        .execute();
      const byCode = new Map(rows.map((r) => [r.code, r]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    observations: createPageLoader<StatisticsDB, ObservationRow>(db, {
      table: 'observation',
      parentColumn: 'indicator_code',
      orderBy: ['period desc', 'division_code'],
    }),
  };
}

export type StatisticsLoaders = ReturnType<typeof createLoaders>;
