import type { DepartmentModule } from '@govgraph/department';
import { type HubDB, hubStoreConfig, openHubStore } from '@govgraph/governance';
import { createTrackerServer } from './server.js';
import { typeDefs } from './typeDefs.js';

/**
 * The data tracker as a department. It is hub-owned: its database is the hub's own store
 * (HUB_DATABASE_URL, or `hub.sqlite` in the data directory), which the gateway's audit log
 * writes; there is nothing to seed.
 */
export const department: DepartmentModule<HubDB> = {
  name: 'tracker',
  title: 'Data tracker',
  envPrefix: 'TRACKER',
  typeDefs,
  defaultPort: 4009,
  databaseLocation: hubStoreConfig,
  openDatabase: openHubStore,
  createServer: createTrackerServer,
};
