import type { DepartmentModule } from '@govgraph/department';
import { openPopulationDatabase } from './db/openPopulationDatabase.js';
import type { PopulationDB } from './db/schema.js';
import { createPopulationServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<PopulationDB> = {
  name: 'population',
  title: 'Population registry',
  envPrefix: 'POPULATION',
  typeDefs,
  defaultPort: 4001,
  openDatabase: openPopulationDatabase,
  createServer: createPopulationServer,
};
