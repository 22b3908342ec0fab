export type { ApprovalsContext } from './context.js';
export { openApprovalsDatabase } from './db/openApprovalsDatabase.js';
export type { ApplicationRow, ApprovalsDB, ReviewRow } from './db/schema.js';
export { department } from './department.js';
export {
  createEntityEvents,
  type EntitiesChangedListener,
  type EntityChange,
  type EntityEvents,
  entityEvents,
  onEntitiesChanged,
} from './events.js';
export { type ApprovalsDeps, createApprovalsServer } from './server.js';
export { typeDefs } from './typeDefs.js';
