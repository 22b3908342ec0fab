import { computeIndicators, type World } from '@govgraph/datagen';
import type { SeedProgress } from '@govgraph/department';
import { type Database, hasRows, insertInBatches } from '@govgraph/department/db';
import type { Insertable } from 'kysely';
import type { ObservationTable, StatisticsDB } from './schema.js';

/** Replaces the bureau's indicators with those computed from the synthetic world. */
export async function seedStatistics(
  database: Database<StatisticsDB>,
  world: World,
  progress?: SeedProgress,
): Promise<void> {
  const { db } = database;
  const indicators = computeIndicators(world);
  await db.deleteFrom('observation').execute();
  await db.deleteFrom('indicator').execute();
  await insertInBatches(
    db,
    'indicator',
    indicators.map((indicator) => {
      const periods = [...indicator.values.keys()].sort();
      const latest = periods.at(-1) ?? '';
      const total = [...(indicator.values.get(latest)?.values() ?? [])].reduce((a, b) => a + b, 0);
      return {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        description: indicator.description,
        frequency: indicator.frequency,
        source_department: indicator.sourceDepartment,
        release_date: indicator.releaseDate,
        latest_period: latest,
        total,
      };
    }),
  );
  const observations: Insertable<ObservationTable>[] = [];
  for (const indicator of indicators) {
    for (const [period, byCounty] of indicator.values) {
      for (const [division, value] of byCounty) {
        observations.push({
          indicator_code: indicator.code,
          period,
          division_code: division,
          value,
        });
      }
    }
  }
  await insertInBatches(db, 'observation', observations);
  progress?.('observation', observations.length, observations.length);
}

export function isStatisticsSeeded(database: Database<StatisticsDB>): Promise<boolean> {
  return hasRows(database.db, 'indicator');
}
