import type { DepartmentModule } from '@govgraph/department';
import { openStatisticsDatabase } from './db/openStatisticsDatabase.js';
import type { StatisticsDB } from './db/schema.js';
import { createStatisticsServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<StatisticsDB> = {
  name: 'statistics',
  title: 'Statistics bureau',
  envPrefix: 'STATISTICS',
  typeDefs,
  defaultPort: 4008,
  openDatabase: openStatisticsDatabase,
  createServer: createStatisticsServer,
};
