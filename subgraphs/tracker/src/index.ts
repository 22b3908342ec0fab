export type { TrackerContext } from './context.js';
export { department } from './department.js';
export { createTrackerServer, type TrackerDeps } from './server.js';
export { typeDefs } from './typeDefs.js';
