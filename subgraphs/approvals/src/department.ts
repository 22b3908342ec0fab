import type { DepartmentModule } from '@govgraph/department';
import { openApprovalsDatabase } from './db/openApprovalsDatabase.js';
import type { ApprovalsDB } from './db/schema.js';
import { onEntitiesChanged } from './events.js';
import { createApprovalsServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<ApprovalsDB> = {
  name: 'approvals',
  title: 'Parallel approvals',
  envPrefix: 'APPROVALS',
  typeDefs,
  defaultPort: 4007,
  openDatabase: openApprovalsDatabase,
  createServer: createApprovalsServer,
  onEntitiesChanged,
};
