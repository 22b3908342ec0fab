import type { DepartmentModule } from '@govgraph/department';
import { openTaxDatabase } from './db/openTaxDatabase.js';
import type { TaxDB } from './db/schema.js';
import { createTaxServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<TaxDB> = {
  name: 'tax',
  title: 'Tax administration',
  envPrefix: 'TAX',
  typeDefs,
  defaultPort: 4004,
  openDatabase: openTaxDatabase,
  createServer: createTaxServer,
};
