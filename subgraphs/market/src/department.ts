import type { World } from '@govgraph/datagen';
import type { DepartmentModule } from '@govgraph/department';
import { openMarketDatabase } from './db/openMarketDatabase.js';
import type { MarketDB } from './db/schema.js';
import { isMarketSeeded, seedMarket } from './db/seed.js';
import { createMarketServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<MarketDB, World> = {
  name: 'market',
  title: 'Business registry',
  envPrefix: 'MARKET',
  typeDefs,
  defaultPort: 4002,
  openDatabase: openMarketDatabase,
  createServer: createMarketServer,
  seed: seedMarket,
  isSeeded: isMarketSeeded,
};
