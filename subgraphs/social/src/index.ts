export type { SocialContext } from './context.js';
export { openSocialDatabase } from './db/openSocialDatabase.js';
export type { SocialDB } from './db/schema.js';
export { department } from './department.js';
export { createSocialServer } from './server.js';
export { typeDefs } from './typeDefs.js';
