export type { StatisticsContext } from './context.js';
export { openStatisticsDatabase } from './db/openStatisticsDatabase.js';
export type { IndicatorRow, ObservationRow, StatisticsDB } from './db/schema.js';
export { department } from './department.js';
export { createStatisticsServer } from './server.js';
export { typeDefs } from './typeDefs.js';
