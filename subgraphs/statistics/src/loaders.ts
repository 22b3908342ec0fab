import { createPageLoader, createRowLoader } from '@govgraph/department/db';
import type { Kysely } from 'kysely';
import type { IndicatorRow, ObservationRow, StatisticsDB } from './db/schema.js';

/** Loaders for one request: indicators by code, and every indicator's observation pages in one statement. */
export function createLoaders(db: Kysely<StatisticsDB>) {
  return {
    indicator: createRowLoader<StatisticsDB, IndicatorRow>(db, {
      table: 'indicator',
      keyColumn: 'code',
    }),
    observations: createPageLoader<StatisticsDB, ObservationRow>(db, {
      table: 'observation',
      parentColumn: 'indicator_code',
      orderBy: ['period desc', 'division_code'],
    }),
  };
}

export type StatisticsLoaders = ReturnType<typeof createLoaders>;
