export { DEFAULT_DATA_DIR, departmentConfig, runDepartmentMain } from './departmentMain.js';
export {
  createDepartmentMetrics,
  type DepartmentMetrics,
  useDepartmentMetrics,
} from './departmentMetrics.js';
export type { DatabaseLocation, DepartmentModule } from './departmentModule.js';
export {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
  type DepartmentServer,
  type DepartmentServerOptions,
  MAX_BATCHED_OPERATIONS,
} from './departmentServer.js';
export {
  createEntityEvents,
  type EntitiesChangedListener,
  type EntityEvents,
} from './entityEvents.js';
export type { SeedableDepartment, SeedProgress } from './seedableDepartment.js';
export {
  SUBJECT_SCALARS,
  SUBJECTS_EXTENSION,
  type SubjectsByRoot,
  type SubjectsOf,
  subjectsFromExtensions,
  useSubjects,
} from './subjects.js';
export {
  type AgencyWriter,
  deciderOf,
  departmentOperator,
  type Operator,
  principalOf,
  requireSelf,
  type Writer,
  writerOf,
} from './writer.js';
