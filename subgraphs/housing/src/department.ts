import type { DepartmentModule } from '@govgraph/department';
import { openHousingDatabase } from './db/openHousingDatabase.js';
import type { HousingDB } from './db/schema.js';
import { createHousingServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<HousingDB> = {
  name: 'housing',
  title: 'Real-estate registry',
  envPrefix: 'HOUSING',
  typeDefs,
  defaultPort: 4003,
  openDatabase: openHousingDatabase,
  createServer: createHousingServer,
};
