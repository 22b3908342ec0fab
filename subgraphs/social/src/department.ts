import type { World } from '@govgraph/datagen';
import type { DepartmentModule } from '@govgraph/department';
import { openSocialDatabase } from './db/openSocialDatabase.js';
import type { SocialDB } from './db/schema.js';
import { isSocialSeeded, seedSocial } from './db/seed.js';
import { createSocialServer } from './server.js';
import { typeDefs } from './typeDefs.js';

export const department: DepartmentModule<SocialDB, World> = {
  name: 'social',
  title: 'Social insurance',
  envPrefix: 'SOCIAL',
  typeDefs,
  defaultPort: 4005,
  openDatabase: openSocialDatabase,
  createServer: createSocialServer,
  seed: seedSocial,
  isSeeded: isSocialSeeded,
};
