import type { DepartmentModule } from '@govgraph/department';
import { openComplaintsDatabase } from './db/openComplaintsDatabase.js';
import type { ComplaintsDB } from './db/schema.js';
import { onEntitiesChanged } from './events.js';
import { createComplaintsServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<ComplaintsDB> = {
  name: 'complaints',
  title: 'Citizen hotline',
  envPrefix: 'COMPLAINTS',
  typeDefs,
  defaultPort: 4006,
  openDatabase: openComplaintsDatabase,
  createServer: createComplaintsServer,
  onEntitiesChanged,
};
