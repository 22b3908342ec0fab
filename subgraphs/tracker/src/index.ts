export {
  type AccessLogReader,
  type AccessLogSubject,
  AUDITOR_ROLE,
  assertMayReadAccessLog,
} from './accessLogPolicy.js';
export type { TrackerContext } from './context.js';
export { department } from './department.js';
export { readerOf } from './hubReader.js';
export { createTrackerServer, type TrackerDeps } from './server.js';
export { typeDefs } from './typeDefs.js';
