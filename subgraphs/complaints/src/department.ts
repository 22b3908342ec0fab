import type { World } from '@govgraph/datagen';
import type { DepartmentModule } from '@govgraph/department';
import { openComplaintsDatabase } from './db/openComplaintsDatabase.js';
import type { ComplaintsDB } from './db/schema.js';
import { isComplaintsSeeded, seedComplaints } from './db/seed.js';
import { onEntitiesChanged } from './events.js';
import { createComplaintsServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<ComplaintsDB, World> = {
  name: 'complaints',
  title: 'Citizen hotline',
  envPrefix: 'COMPLAINTS',
  typeDefs,
  defaultPort: 4006,
  openDatabase: openComplaintsDatabase,
  createServer: createComplaintsServer,
  seed: seedComplaints,
  isSeeded: isComplaintsSeeded,
  onEntitiesChanged,
};
