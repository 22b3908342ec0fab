export {
  type AccessRegistryOptions,
  createAccessRegistry,
  type HubAccessRegistry,
} from './access/createAccessRegistry.js';
export {
  createOperatorSessions,
  DEFAULT_SESSION_SECONDS,
  SESSION_PREFIX,
} from './access/operatorSessions.js';
export { auditRecordHash } from './audit/auditHash.js';
export {
  type AuditCheckpoint,
  CheckpointError,
  type CheckpointVerdict,
  checkpointSigner,
  checkpointVerifiers,
  generateCheckpointKeys,
  verifyCheckpoints,
  writeCheckpoint,
} from './audit/checkpoints.js';
export {
  type AuditFlushObserver,
  type AuditLogOptions,
  createAuditLog,
  type HubAuditLog,
} from './audit/createAuditLog.js';
export { createAuditReader } from './audit/createAuditReader.js';
export {
  auditRecordJson,
  auditRecordsFrom,
  type FollowOptions,
  followAuditRecords,
} from './audit/exportAuditRecords.js';
export { latestAuditRecords } from './audit/latestAuditRecords.js';
export {
  type AuditChainVerdict,
  type VerifyOptions,
  verifyAuditChain,
} from './audit/verifyAuditChain.js';
export {
  type CliOutput,
  refuseLosses as refuseRegistryLosses,
  reportCommandError,
} from './cli/cliSupport.js';
export { runAgencyCli } from './cli/runAgencyCli.js';
export { runAuditCli } from './cli/runAuditCli.js';
export { DEFAULT_REGISTRY_FILE, type HubAccessConfig, hubAccessConfig } from './hubConfig.js';
export { type HubServices, openHubServices } from './openHubServices.js';
export {
  type AgencyInfo,
  type AgencyJwt,
  addAgency,
  listAgencies,
  setAgencyDepartment,
  setAgencyDisabled,
  setAgencyJwt,
} from './registry/agencies.js';
export {
  AGENCY_LIMIT_MAXIMA,
  agencyLimits,
  limitFlag,
  limitValueProblem,
  resetAgencyLimits,
  setAgencyLimits,
} from './registry/agencyLimits.js';
export {
  type ApiKeyInfo,
  expiringApiKeys,
  type IssueApiKeyOptions,
  issueApiKey,
  listApiKeys,
  parseDuration,
  revokeApiKey,
} from './registry/apiKeys.js';
export {
  addPurpose,
  type GrantInfo,
  grantCoordinates,
  listGrants,
  listPurposes,
  revokeCoordinates,
} from './registry/grants.js';
export { HubAdminError } from './registry/HubAdminError.js';
export {
  addOperator,
  listOperators,
  type OperatorInfo,
  resetOperatorPassword,
  setOperatorDisabled,
} from './registry/operators.js';
export {
  addAgencyOrigin,
  listAgencyOrigins,
  type OriginInfo,
  parseOrigin,
  removeAgencyOrigin,
} from './registry/origins.js';

export {
  loadRegistryFile,
  parseRegistryFile,
  type RegistryFile,
  RegistryFileError,
} from './registry/registryFile.js';
export {
  type RegistrySyncLosses,
  type RegistrySyncSummary,
  syncRegistryFile,
} from './registry/syncRegistryFile.js';
export { hubStoreConfig } from './store/hubStoreConfig.js';
export { GENESIS_HASH } from './store/migrations.js';
export { type HubStore, openHubStore } from './store/openHubStore.js';
export type { HubDB } from './store/schema.js';
export * from './types.js';
