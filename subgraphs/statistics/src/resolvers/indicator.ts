import { pageWindow } from '@govgraph/department/db';
import { INVALID_ARGUMENT, quoteInput } from '@govgraph/schema';
import type { IndicatorResolvers, ObservationResolvers } from '../__generated__/resolvers-types.js';

// Periods as the bureau writes them: a year, a quarter or a month.
const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

function checkPeriod(period: string): string {
  if (!PERIOD.test(period)) {
    throw INVALID_ARGUMENT.err(
      `Indicator.observations(period: ${quoteInput(period)}) is not a period: write a year (2025), a quarter (2025-Q4) or a month (2025-03).`,
      { extensions: { argument: 'period' } },
    );
  }
  return period;
}

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
    const window = pageWindow(args, 'Indicator.observations');
    const filters: Record<string, string> = {};
    if (args.divisionCode) filters.division_code = args.divisionCode;
    if (args.period != null) filters.period = checkPeriod(args.period);
    return loaders.observations.load({ parent: row.code, window, filters });
  },
};

export const Observation: ObservationResolvers = {
  period: (row) => row.period,
  divisionCode: (row) => row.division_code,
  value: (row) => row.value,
};
