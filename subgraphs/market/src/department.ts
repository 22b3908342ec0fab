import type { DepartmentModule } from '@govgraph/department';
import { openMarketDatabase } from './db/openMarketDatabase.js';
import type { MarketDB } from './db/schema.js';
import { createMarketServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<MarketDB> = {
  name: 'market',
  title: 'Business registry',
  envPrefix: 'MARKET',
  typeDefs,
  defaultPort: 4002,
  openDatabase: openMarketDatabase,
  createServer: createMarketServer,
};
