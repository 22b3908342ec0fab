import { pageWindow } from '@govgraph/schema/db';
import type { IndicatorResolvers, ObservationResolvers } from '../__generated__/resolvers-types.js';

export const Indicator: IndicatorResolvers = {
  code: (row) => row.code,
  name: (row) => row.name,
  unit: (row) => row.unit,
  description: (row) => row.description,
  frequency: (row) => row.frequency,
  sourceDepartment: (row) => row.source_department,
  releaseDate: (row) => row.release_date,
  latestPeriod: (row) => row.latest_period,
  total: (row) => row.total,
  observations: (row, args, { loaders }) => {
    const filters: Record<string, string> = {};
    if (args.divisionCode) filters.division_code = args.divisionCode;
    if (args.period) filters.period = args.period;
    return loaders.observations.load({
      parent: row.code,
      window: pageWindow(args, 'Indicator.observations'),
      filters,
    });
  },
};

export const Observation: ObservationResolvers = {
  period: (row) => row.period,
  divisionCode: (row) => row.division_code,
  value: (row) => row.value,
};
