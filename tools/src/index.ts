// The hub's tools as functions, for tests and the benchmark; the CLIs are compose.ts, seed.ts, start.ts.

export { composeCommand } from './composeCommand.js';
export {
  type ComposableDepartment,
  type Composition,
  composeDepartments,
} from './composeDepartments.js';
export { departments } from './departments.js';
export type { DepartmentDatabase, HubDepartment } from './HubDepartment.js';
export {
  type DepartmentSettings,
  departmentSettings,
  type HubConfig,
  hubConfig,
} from './hubConfig.js';
export { SUPERGRAPH_PATH } from './paths.js';
export { runSchemaCli, SCHEMA_USAGE } from './schemaCommand.js';
export { type SeedAllOptions, type SeededDepartment, seedAll } from './seedAll.js';
export { type AcceptedChange, readAcceptedChanges } from './standards/acceptedChanges.js';
export { apiSchemaOf } from './standards/breakingChangeRule.js';
export {
  checkStandards,
  type StandardsOptions,
  type StandardsReport,
} from './standards/checkStandards.js';
export { type Finding, formatFinding } from './standards/Finding.js';
export { type Hub, type RunningDepartment, type StartHubOptions, startHub } from './startHub.js';
export {
  registerSyntheticAgency,
  type SyntheticAgency,
  syntheticAgencyHeaders,
} from './syntheticAgency.js';
