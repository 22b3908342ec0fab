import type { DepartmentModule } from '@govgraph/department';
import { openSocialDatabase } from './db/openSocialDatabase.js';
import type { SocialDB } from './db/schema.js';
import { createSocialServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<SocialDB> = {
  name: 'social',
  title: 'Social insurance',
  envPrefix: 'SOCIAL',
  typeDefs,
  defaultPort: 4005,
  openDatabase: openSocialDatabase,
  createServer: createSocialServer,
};
