import type { World } from '@govgraph/datagen';
import type { DepartmentModule } from '@govgraph/department';
import { openTaxDatabase } from './db/openTaxDatabase.js';
import type { TaxDB } from './db/schema.js';
import { isTaxSeeded, seedTax } from './db/seed.js';
import { createTaxServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<TaxDB, World> = {
  name: 'tax',
  title: 'Tax administration',
  envPrefix: 'TAX',
  typeDefs,
  defaultPort: 4004,
  openDatabase: openTaxDatabase,
  createServer: createTaxServer,
  seed: seedTax,
  isSeeded: isTaxSeeded,
};
