import type { Selectable } from 'kysely';

/** Tables of the statistics bureau's own database. */
export interface StatisticsDB {
  indicator: IndicatorTable;
  observation: ObservationTable;
}

export interface IndicatorTable {
  code: string;
  name: string;
  unit: string;
  description: string;
  frequency: 'REALTIME' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';
  source_department: string;
  release_date: string;
  latest_period: string;
  total: number;
}

export interface ObservationTable {
  indicator_code: string;
  period: string;
  division_code: string;
  value: number;
}

export type IndicatorRow = Selectable<IndicatorTable>;
export type ObservationRow = Selectable<ObservationTable>;
