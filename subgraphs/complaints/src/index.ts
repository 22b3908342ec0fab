export type { ComplaintsContext } from './context.js';
export { openComplaintsDatabase } from './db/openComplaintsDatabase.js';
export type { ComplaintRow, ComplaintsDB } from './db/schema.js';
export { seedComplaints } from './db/seed.js';
export { department } from './department.js';
export {
  type EntitiesChangedListener,
  type EntityChange,
  onEntitiesChanged,
} from './events.js';
export { HANDLING_DEPARTMENTS } from './handlingDepartment.js';
export { createComplaintsServer } from './server.js';
export { typeDefs } from './typeDefs.js';
