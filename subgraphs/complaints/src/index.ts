export type { ComplaintsContext } from './context.js';
export { openComplaintsDatabase } from './db/openComplaintsDatabase.js';
export type { ComplaintRow, ComplaintsDB } from './db/schema.js';
export { department } from './department.js';
export {
  type EntitiesChangedListener,
  type EntityChange,
  onEntitiesChanged,
} from './events.js';
export { createComplaintsServer } from './server.js';
export { typeDefs } from './typeDefs.js';
