export {
  ConfigError,
  databaseUrlVar,
  logLevelVar,
  parseEnv,
  portVar,
  UsageError,
} from './config.js';
export { appendVary, type CorsPolicy } from './cors.js';
export { DEFAULT_DATA_DIR, departmentConfig, runDepartmentMain } from './departmentMain.js';
export {
  createDepartmentMetrics,
  type DepartmentMetrics,
  useDepartmentMetrics,
} from './departmentMetrics.js';
export type { DatabaseLocation, DepartmentModule, SeedProgress } from './departmentModule.js';
export {
  buildDepartmentSchema,
  createDepartmentServer,
  type DepartmentResolvers,
  type DepartmentServer,
  type DepartmentServerOptions,
} from './departmentServer.js';
export {
  createEntityEvents,
  type EntitiesChangedListener,
  type EntityEvents,
} from './entityEvents.js';
export { formatPublicError, type RequestScope, useErrorMasking } from './errorMasking.js';
export {
  createGraphQLHandler,
  type GraphQLHandlerOptions,
  type Listening,
  listen,
  type RouteHandler,
  refusalHeaders,
  requestIdOf,
  sendJson,
} from './httpServer.js';
export {
  createHubContextSigner,
  createHubContextVerifier,
  generateHubContextKeys,
  HUB_CONTEXT_AUDIENCE,
  HUB_CONTEXT_HEADER,
  HUB_CONTEXT_ISSUER,
  type HubContextClaims,
  type HubContextSigner,
  type HubContextSignerOptions,
  type HubContextVerifier,
  type HubContextVerifierOptions,
  hubContextPrivateKeyVar,
  hubContextPublicKeysVar,
  type JWK,
} from './hubContext.js';
export {
  cacheKeyPrefixVar,
  cacheKeys,
  createRedisInvalidationPublisher,
  departmentTag,
  type EntityChange,
  entityTag,
  evictInRedis,
  type InvalidationMessage,
  type InvalidationPublisher,
  invalidationMessage,
  type OnEntitiesChanged,
  type RedisInvalidationOptions,
  resilientRedisOptions,
  runScript,
  tagsOf,
} from './invalidation.js';
export { createLogger, type Logger } from './logger.js';
export {
  type ClusterTarget,
  createRedisClient,
  isClusterUrl,
  parseClusterUrl,
  type RedisClient,
  type RedisClientOptions,
  redisNodes,
  redisUrlVar,
} from './redisClient.js';
export {
  allowMethods,
  type StaticAsset,
  staticAsset,
  staticAssetRoute,
} from './staticAssets.js';
export {
  SUBJECT_SCALARS,
  SUBJECTS_EXTENSION,
  type SubjectsByRoot,
  type SubjectsOf,
  subjectsFromExtensions,
  useSubjects,
} from './subjects.js';
export {
  activeTraceId,
  injectTraceContext,
  inSpan,
  inSyncSpan,
  recordStatementSpan,
  SpanKind,
  startTracing,
  TRACER_NAME,
  type Tracing,
  type TracingOptions,
  traceRequest,
  tracingEnabled,
} from './tracing.js';
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
